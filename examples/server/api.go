package main

import (
	"cmp"
	"errors"
	"io"
	"math"
	"net/http"
	"slices"
)

// The API's requests and responses, and what the handlers compute from
// them. The types hold slices into memory the handler chose (the request's
// frame, or the heap in the comparison variant); nothing here allocates.

// maxBody is the largest request body accepted.
const maxBody = 64 << 10

// quoteRequest is the body of POST /v1/quote:
//
//	{"customer": "acme", "currency": "EUR", "coupon": "SPRING10",
//	 "items": [{"sku": "A-100", "qty": 3, "price": 9.99}, ...]}
type quoteRequest struct {
	Customer, Currency, Coupon []byte
	Items                      []quoteItem
}

// quoteItem is one item of a quote; prices and amounts are in cents.
type quoteItem struct {
	SKU    []byte
	Qty    int64
	Unit   int64
	Amount int64
}

// quote is the computed answer to a quoteRequest.
type quote struct {
	Subtotal, Discount, Tax, Total int64
	CouponApplied                  bool
}

// coupons are the known coupon codes and their discount in percent.
var coupons = map[string]int64{"SPRING10": 10, "VIP25": 25}

// taxPercent is the tax rate applied after the discount.
const taxPercent = 20

// errRequest is a request the API refuses (422).
var errRequest = errors.New("invalid request")

// decodeQuote reads a quote request from d. strs is where it decodes
// strings (appending, within its capacity: len(body) bytes are enough);
// items holds exactly the items the body lists (see decoder.count).
func decodeQuote(d *decoder, q *quoteRequest, strs []byte, newItems func(n int) []quoteItem) {
	for it := d.object(); it.next(); {
		switch string(d.name()) {
		case "customer":
			q.Customer, strs = decodeString(d, strs)
		case "currency":
			q.Currency, strs = decodeString(d, strs)
		case "coupon":
			q.Coupon, strs = decodeString(d, strs)
		case "items":
			q.Items = newItems(d.count())
			i := 0
			for ai := d.array(); ai.next(); i++ {
				item := &q.Items[i]
				for oi := d.object(); oi.next(); {
					switch string(d.name()) {
					case "sku":
						item.SKU, strs = decodeString(d, strs)
					case "qty":
						item.Qty = d.int()
					case "price":
						item.Unit = int64(math.Round(d.float() * 100))
					default:
						d.skip()
					}
				}
			}
		default:
			d.skip()
		}
	}
	d.end()
}

// decodeString reads a string into the free capacity of strs and returns
// it and what is left of strs.
func decodeString(d *decoder, strs []byte) ([]byte, []byte) {
	start := len(strs)
	strs = appendUnescaped(strs, d.rawString())
	return strs[start:len(strs):len(strs)], strs
}

// priceQuote computes the quote and sorts the items by amount, largest
// first (then by SKU).
func priceQuote(q *quoteRequest) (quote, error) {
	var r quote
	if len(q.Customer) == 0 || len(q.Currency) != 3 || len(q.Items) == 0 {
		return r, errRequest
	}
	for i := range q.Items {
		it := &q.Items[i]
		if it.Qty <= 0 || it.Qty > 1_000_000 || it.Unit < 0 || it.Unit > 1_000_000_000 {
			return r, errRequest
		}
		it.Amount = it.Qty * it.Unit
		r.Subtotal += it.Amount
	}
	slices.SortFunc(q.Items, func(a, b quoteItem) int {
		if c := cmp.Compare(b.Amount, a.Amount); c != 0 {
			return c
		}
		return slices.Compare(a.SKU, b.SKU)
	})
	if pct, ok := coupons[string(q.Coupon)]; ok {
		r.CouponApplied = true
		r.Discount = (r.Subtotal*pct + 50) / 100
	}
	r.Tax = ((r.Subtotal-r.Discount)*taxPercent + 50) / 100
	r.Total = r.Subtotal - r.Discount + r.Tax
	return r, nil
}

// quoteBound is the most bytes appendQuote writes for q.
func quoteBound(q *quoteRequest) int {
	n := 160 + stringBound(q.Customer) + stringBound(q.Currency)
	for _, it := range q.Items {
		n += 48 + stringBound(it.SKU) + numberBound + 2*centsBound
	}
	return n
}

// appendQuote writes the response to a quote request:
//
//	{"customer":"acme","currency":"EUR","lines":[{"sku":"A-100","qty":3,
//	 "unit":"9.99","amount":"29.97"}],"subtotal":"29.97","discount":"3.00",
//	 "tax":"5.39","total":"32.36","coupon_applied":true}
func appendQuote(dst []byte, q *quoteRequest, r quote) []byte {
	dst = append(dst, '{')
	dst = appendKey(dst, "customer", true)
	dst = appendString(dst, q.Customer)
	dst = appendKey(dst, "currency", false)
	dst = appendString(dst, q.Currency)
	dst = appendKey(dst, "lines", false)
	dst = append(dst, '[')
	for i, it := range q.Items {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, '{')
		dst = appendKey(dst, "sku", true)
		dst = appendString(dst, it.SKU)
		dst = appendKey(dst, "qty", false)
		dst = appendInt(dst, it.Qty)
		dst = appendKey(dst, "unit", false)
		dst = appendCents(dst, it.Unit)
		dst = appendKey(dst, "amount", false)
		dst = appendCents(dst, it.Amount)
		dst = append(dst, '}')
	}
	dst = append(dst, ']')
	dst = appendKey(dst, "subtotal", false)
	dst = appendCents(dst, r.Subtotal)
	dst = appendKey(dst, "discount", false)
	dst = appendCents(dst, r.Discount)
	dst = appendKey(dst, "tax", false)
	dst = appendCents(dst, r.Tax)
	dst = appendKey(dst, "total", false)
	dst = appendCents(dst, r.Total)
	dst = appendKey(dst, "coupon_applied", false)
	dst = appendBool(dst, r.CouponApplied)
	return append(dst, '}')
}

// decodeValues reads the body of POST /v1/stats, {"values": [1.5, 2, ...]},
// into the slice newValues returns for their count.
func decodeValues(d *decoder, newValues func(n int) []float64) []float64 {
	var vs []float64
	for it := d.object(); it.next(); {
		if string(d.name()) != "values" {
			d.skip()
			continue
		}
		vs = newValues(d.count())
		i := 0
		for ai := d.array(); ai.next(); i++ {
			vs[i] = d.float()
		}
	}
	d.end()
	return vs
}

// summary is the answer to POST /v1/stats.
type summary struct {
	Count                         int
	Min, Max, Mean, P50, P90, P99 float64
}

// summarize sorts vs and computes its summary.
func summarize(vs []float64) (summary, error) {
	s := summary{Count: len(vs)}
	if len(vs) == 0 {
		return s, errRequest
	}
	slices.Sort(vs)
	var sum float64
	for _, v := range vs {
		sum += v
	}
	s.Min, s.Max, s.Mean = vs[0], vs[len(vs)-1], sum/float64(len(vs))
	s.P50, s.P90, s.P99 = percentile(vs, 50), percentile(vs, 90), percentile(vs, 99)
	if math.IsInf(s.Mean, 0) {
		return s, errRequest
	}
	return s, nil
}

// percentile returns the nearest-rank percentile p of the sorted vs.
func percentile(vs []float64, p int) float64 {
	rank := (p*len(vs) + 99) / 100
	return vs[max(rank, 1)-1]
}

// summaryBound is the most bytes appendSummary writes.
const summaryBound = 128 + 7*numberBound

// appendSummary writes the response to a stats request:
//
//	{"count":3,"min":1,"max":3,"mean":2,"p50":2,"p90":3,"p99":3}
func appendSummary(dst []byte, s summary) []byte {
	dst = append(dst, '{')
	dst = appendKey(dst, "count", true)
	dst = appendInt(dst, int64(s.Count))
	for _, f := range [...]struct {
		key string
		v   float64
	}{{"min", s.Min}, {"max", s.Max}, {"mean", s.Mean}, {"p50", s.P50}, {"p90", s.P90}, {"p99", s.P99}} {
		dst = appendKey(dst, f.key, false)
		dst = appendFloat(dst, f.v)
	}
	return append(dst, '}')
}

// readBody reads r's body into buf, which has room for maxBody+1 bytes or
// for the declared length; it returns the body, or an error for a body
// that is too long or cut short.
func readBody(r *http.Request, buf []byte) ([]byte, error) {
	n, err := io.ReadFull(r.Body, buf)
	switch {
	case err == nil && r.ContentLength < 0:
		return nil, errTooLarge
	case err == nil, errors.Is(err, io.ErrUnexpectedEOF) && r.ContentLength < 0:
		return buf[:n], nil
	}
	return nil, err
}

// bodyRoom is the buffer size readBody needs for r.
func bodyRoom(r *http.Request) (int, error) {
	switch n := r.ContentLength; {
	case n > maxBody:
		return 0, errTooLarge
	case n < 0:
		return maxBody + 1, nil
	default:
		return int(n), nil
	}
}

// errTooLarge is a body over maxBody.
var errTooLarge = errors.New("request body too large")

// jsonContentType is the Content-Type of every response; handlers share
// the slice (net/http only reads it) instead of allocating one per
// request with Header().Set.
var jsonContentType = []string{"application/json"}

// writeJSON sends a 200 JSON response.
func writeJSON(w http.ResponseWriter, body []byte) {
	w.Header()["Content-Type"] = jsonContentType
	w.Write(body)
}

// fail answers a request the handler cannot serve.
func fail(w http.ResponseWriter, err error) {
	code := http.StatusBadRequest
	var se *syntaxError
	switch {
	case errors.Is(err, errTooLarge):
		code = http.StatusRequestEntityTooLarge
	case errors.Is(err, errRequest):
		code = http.StatusUnprocessableEntity
	case errors.As(err, &se):
	}
	http.Error(w, err.Error(), code)
}
