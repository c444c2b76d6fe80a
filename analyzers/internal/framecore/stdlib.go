package framecore

// The standard library has no facts (the core never builds SSA for it), so
// its documented aliasing is written down here as the facts its functions
// would have. Argument indexes count the receiver first, as everywhere in
// FuncFact. std_test.go resolves every entry against the standard library
// and checks its indexes.

// stdFacts maps the full name of a standard-library function or method
// (types.Func.FullName of the generic origin) to its summary.
var stdFacts = buildStdFacts()

// returnsArg is the fact of a function whose results may be (part of)
// argument arg: the AppendX(dst, ...) convention, sub-slicing functions.
func returnsArg(results []int, arg int) *FuncFact {
	f := new(FuncFact)
	for _, i := range results {
		for len(f.Results) <= i {
			f.Results = append(f.Results, ResultFlow{})
		}
		f.Results[i].Is = []ParamRef{{Param: arg}}
	}
	return f
}

// holdsArg is the fact of a function whose result 0 is a new container
// holding argument arg or parts of it (bytes.Fields, bytes.NewBuffer).
func holdsArg(arg int) *FuncFact {
	return &FuncFact{Results: []ResultFlow{{Held: []ParamRef{{Param: arg}}}}}
}

// storesArgs is the fact of a function that keeps the arguments args in
// the memory argument into points to (containers).
func storesArgs(into int, args ...int) *FuncFact {
	f := new(FuncFact)
	for _, a := range args {
		f.Stores = append(f.Stores, StoreEffect{Param: a, Into: into})
	}
	return f
}

func buildStdFacts() map[string]*FuncFact {
	m := map[string]*FuncFact{}
	// AppendX(dst, ...) may return dst.
	for _, name := range []string{
		"strconv.AppendBool", "strconv.AppendFloat", "strconv.AppendInt", "strconv.AppendUint",
		"strconv.AppendQuote", "strconv.AppendQuoteRune", "strconv.AppendQuoteRuneToASCII",
		"strconv.AppendQuoteRuneToGraphic", "strconv.AppendQuoteToASCII", "strconv.AppendQuoteToGraphic",
		"encoding/binary.AppendUvarint", "encoding/binary.AppendVarint", "encoding/binary.Append",
		"fmt.Append", "fmt.Appendf", "fmt.Appendln",
		"unicode/utf8.AppendRune", "unicode/utf16.AppendRune",
		"encoding/hex.AppendEncode", "encoding/hex.AppendDecode",
		"slices.Grow", "slices.Clip", "slices.Compact", "slices.CompactFunc",
		"slices.Delete", "slices.DeleteFunc", "slices.Insert", "slices.Replace",
	} {
		m[name] = returnsArg([]int{0}, 0)
	}
	for _, name := range []string{
		"(encoding/binary.littleEndian).AppendUint16", "(encoding/binary.littleEndian).AppendUint32",
		"(encoding/binary.littleEndian).AppendUint64",
		"(encoding/binary.bigEndian).AppendUint16", "(encoding/binary.bigEndian).AppendUint32",
		"(encoding/binary.bigEndian).AppendUint64",
		"(time.Time).AppendFormat",
		"(*encoding/base64.Encoding).AppendEncode", "(*encoding/base64.Encoding).AppendDecode",
		"(*encoding/base32.Encoding).AppendEncode", "(*encoding/base32.Encoding).AppendDecode",
	} {
		m[name] = returnsArg([]int{0}, 1)
	}
	// Functions returning parts of their argument.
	for _, name := range []string{
		"bytes.TrimSpace", "bytes.Trim", "bytes.TrimLeft", "bytes.TrimRight",
		"bytes.TrimPrefix", "bytes.TrimSuffix", "bytes.TrimFunc", "bytes.TrimLeftFunc", "bytes.TrimRightFunc",
		"bytes.CutPrefix", "bytes.CutSuffix",
		"(*bytes.Buffer).Bytes", "(*bytes.Buffer).AvailableBuffer", "(*bytes.Buffer).Next",
	} {
		m[name] = returnsArg([]int{0}, 0)
	}
	for _, name := range []string{
		"bytes.Fields", "bytes.FieldsFunc", "bytes.Split", "bytes.SplitN", "bytes.SplitAfter", "bytes.SplitAfterN",
		"bytes.NewBuffer", "bytes.NewReader",
	} {
		m[name] = holdsArg(0)
	}
	m["bytes.Cut"] = returnsArg([]int{0, 1}, 0)
	// slices.Clone copies the elements: it carries what they point to.
	m["slices.Clone"] = &FuncFact{Results: []ResultFlow{{Held: []ParamRef{{Param: 0, Depth: 1}}}}}
	// Containers that keep what they are given.
	m["(*container/list.List).PushBack"] = storesArgs(0, 1)
	m["(*container/list.List).PushFront"] = storesArgs(0, 1)
	m["(*container/list.List).InsertBefore"] = storesArgs(0, 1)
	m["(*container/list.List).InsertAfter"] = storesArgs(0, 1)
	m["container/heap.Push"] = storesArgs(0, 1)
	m["(*sync.Map).Store"] = storesArgs(0, 1, 2)
	m["(*sync.Map).LoadOrStore"] = storesArgs(0, 1, 2)
	m["(*sync.Map).Swap"] = storesArgs(0, 1, 2)
	m["(*sync.Map).CompareAndSwap"] = storesArgs(0, 1, 3)
	m["(*sync.Pool).Put"] = storesArgs(0, 1)
	m["(*sync/atomic.Pointer[T]).Store"] = storesArgs(0, 1)
	m["(*sync/atomic.Pointer[T]).Swap"] = storesArgs(0, 1)
	m["(*sync/atomic.Pointer[T]).CompareAndSwap"] = storesArgs(0, 2)
	m["(*sync/atomic.Value).Store"] = storesArgs(0, 1)
	m["(*sync/atomic.Value).Swap"] = storesArgs(0, 1)
	m["(*sync/atomic.Value).CompareAndSwap"] = storesArgs(0, 2)
	m["maps.Copy"] = &FuncFact{Stores: []StoreEffect{{Param: 1, Depth: 1, Into: 0}}}
	for _, f := range m {
		f.normalize()
	}
	return m
}
