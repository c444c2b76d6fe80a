module example.com/badconfig

go 1.26.0
