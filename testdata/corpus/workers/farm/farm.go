// Package farm holds the job types of the worker pool and helpers that hand
// jobs to other goroutines.
package farm

// Job is a unit of work computed by a worker.
type Job struct {
	ID     int
	Input  []float64
	Result float64
}

// Result is a job's outcome (no pointers).
type Result struct {
	ID  int
	Sum float64
}

// Sum adds the job's inputs into Result.
func (j *Job) Sum() {
	for _, v := range j.Input {
		j.Result += v
	}
}

// Submit sends j to the workers.
func Submit(jobs chan<- *Job, j *Job) {
	jobs <- j //corpus:clean FA201
}

// Background sums j on a new goroutine and reports on done.
func Background(j *Job, done chan<- Result) {
	go sumAndReport(j, done) //corpus:clean FA201
}

func sumAndReport(j *Job, done chan<- Result) {
	j.Sum()
	done <- Result{ID: j.ID, Sum: j.Result}
}
