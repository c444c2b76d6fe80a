// Command generic is a scene graph whose nodes are handled with generic
// containers: stacks for traversal, caches for lookups.
package main

import (
	"fmt"

	"example.com/corpus/generic/ds"
	"github.com/framealloc/fa/allocator"
)

// Node is a node of the scene graph.
type Node struct {
	ID       int
	Parent   *Node
	Children []*Node
	Weight   float64
}

// Vec is a pointer-free value.
type Vec struct{ X, Y float64 }

// Scene is the persistent scene.
type Scene struct {
	l       *allocator.Local
	undo    ds.Stack[*Node]
	index   *ds.Cache[int, *Node]
	pinned  []*Node
	weights []float64
	focus   *Node
	path    ds.Stack[Vec]
	out     chan *Node
}

// global is the cache shared by every scene.
var global = ds.NewCache[string, *Node]()

// Update runs one frame of the scene.
func (s *Scene) Update() {
	l := s.l
	l.BeginFrame()
	defer l.EndFrame()
	n := ds.New[Node](l)
	n.ID = 1
	s.undo.Push(n)                                                                //corpus:want FA601
	s.index.Put(n.ID, n)                                                          //corpus:want FA601
	ds.Keep(&s.pinned, n)                                                         //corpus:want FA601
	global.Put("last", n)                                                         //corpus:want FA601
	s.focus = ds.New[Node](l)                                                     //corpus:want FA601
	s.weights = ds.Map(l, []int{1, 2}, func(i int) float64 { return float64(i) }) //corpus:want FA601
	ds.Send(s.out, n)                                                             //corpus:want FA201
	nodes := ds.FillSlab[Node](l, 4)
	s.pinned = append(s.pinned, nodes[0]) //corpus:want FA601

	st := allocator.Frame[ds.Stack[*Node]](l)
	st.Push(n) //corpus:clean FA601
	var walk ds.Stack[*Node]
	walk.Push(n) //corpus:clean FA601
	seen := map[int]*Node{}
	seen[n.ID] = n //corpus:clean FA601
	v := allocator.Frame[Vec](l)
	s.path.Push(*v)                                                                                      //corpus:clean FA601
	s.undo.Push(&Node{ID: 2})                                                                            //corpus:clean FA601
	ds.Send(s.out, &Node{ID: 3})                                                                         //corpus:clean FA201
	s.weights = append(s.weights[:0], ds.Map(l, []int{3}, func(i int) float64 { return float64(i) })...) //corpus:clean FA601
	fmt.Println(st.Len(), walk.Len(), len(seen))
}

// Stale uses generic frame values after the frame ended.
func (s *Scene) Stale() float64 {
	l := s.l
	l.BeginFrame()
	ws := ds.Map(l, []int{1, 2, 3}, func(i int) float64 { return float64(i) })
	n := ds.New[Node](l)
	total := ds.Sum(ws)
	nodes := ds.Fill[Node](l, 2)
	l.EndFrame()
	n.Weight = total     //corpus:want FA606
	nodes[0].ID = 4      //corpus:want FA606
	return ws[0] + total //corpus:want FA606
}

// Fresh uses only copies after the frame ended.
func (s *Scene) Fresh() float64 {
	l := s.l
	l.BeginFrame()
	ws := ds.Map(l, []int{1, 2, 3}, func(i int) float64 { return float64(i) })
	total := ds.Sum(ws)
	first := ws[0]
	l.EndFrame()
	return total + first + float64(len(ws)) //corpus:clean FA606
}

func main() {
	a := allocator.New(allocator.Config{FrameBudget: 1 * allocator.MiB})
	s := &Scene{l: a.NewLocal(), index: ds.NewCache[int, *Node](), out: make(chan *Node, 8)}
	for f := 0; f < 10; f++ {
		s.Update()
	}
	fmt.Println(s.Stale(), s.Fresh())
}
