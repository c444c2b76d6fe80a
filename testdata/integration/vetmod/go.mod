module example.com/faintegration

go 1.26.0
