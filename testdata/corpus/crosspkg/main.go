// Command crosspkg is an inventory service whose frame values travel
// through two layers of helpers in other packages.
package main

import (
	"fmt"

	"example.com/corpus/crosspkg/mid"
	"example.com/corpus/crosspkg/store"
	"github.com/framealloc/fa/allocator"
)

// Service is the long-lived service.
type Service struct {
	l      *allocator.Local
	reg    *store.Registry
	bus    store.Bus
	last   *store.Record
	kept   *store.Record
	events chan *store.Record
}

// Handle processes one request in one frame.
func (s *Service) Handle(sku int64) {
	l := s.l
	l.BeginFrame()
	defer l.EndFrame()
	r := mid.Scratch(l)
	r.SKU = sku
	mid.Register(s.reg, r)   //corpus:want FA601
	s.last = mid.Scratch(l)  //corpus:want FA601
	mid.Publish(s.events, r) //corpus:want FA201
	mid.Spawn(r)             //corpus:want FA201
	go func() {              //corpus:want FA703
		fmt.Println(r.SKU)
	}()
	mid.OnChange(&s.bus, func() { //corpus:want FA703
		fmt.Println(r.Count)
	})
	mid.OnChange(&s.bus, func() {
		tmp := allocator.Frame[store.Record](l) //corpus:want FA701
		tmp.Count = 0
	})

	mid.Register(s.reg, &store.Record{SKU: sku}) //corpus:clean FA601
	fmt.Println(store.Count(r))                  //corpus:clean FA601
	s.last = mid.Snapshot(r)                     //corpus:clean FA601
	s.kept = mid.Kept(l)                         //corpus:clean FA601
	mid.Publish(s.events, mid.Snapshot(r))       //corpus:clean FA201
	mid.Spawn(mid.Kept(l))                       //corpus:clean FA201
	mid.Each(3, func(i int) {                    //corpus:clean FA703
		r.Count += i
	})
	mid.Each(2, func(i int) {
		tmp := allocator.Frame[store.Record](l) //corpus:clean FA701
		tmp.Count = i
	})
}

// Audit reads a scratch record after the frame ended.
func (s *Service) Audit() int {
	l := s.l
	l.BeginFrame()
	r := mid.Scratch(l)
	kept := mid.Kept(l)
	c := store.Count(r)
	l.EndFrame()
	n := r.Count    //corpus:want FA606
	n += kept.Count //corpus:clean FA606
	allocator.PoolFree(l, kept)
	return n + c //corpus:clean FA606
}

func main() {
	a := allocator.New(allocator.Config{FrameBudget: 1 * allocator.MiB})
	s := &Service{l: a.NewLocal(), reg: store.NewRegistry(), events: make(chan *store.Record, 8)}
	s.Handle(101)
	fmt.Println(s.Audit())
	s.bus.Fire()
}
