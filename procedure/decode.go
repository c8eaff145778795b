package procedure

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// maxDepth bounds the nesting of a catalogue file; real files nest about six
// levels deep.
const maxDepth = 64

// decodeStrict decodes data into v, a pointer to a struct, after checking the
// file's shape against v's type: valid JSON, every key known (case-sensitive),
// no key twice in one object, every value of the right JSON type, nothing after
// the value. Shape problems are reported with their JSON path; it returns false
// when there was any.
func decodeStrict(r reporter, data []byte, v any) bool {
	before := len(*r.ps)
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	w := walker{dec: dec, r: r, data: data}
	if !w.value(reflect.TypeOf(v).Elem(), "$", 0) {
		return false
	}
	if _, err := dec.Token(); err != io.EOF {
		r.add("$", "a single JSON object", "data after the end of the JSON value")
	}
	if len(*r.ps) > before {
		return false
	}
	// The shape is right, so the standard decoder agrees; it stays strict in
	// case the walker and encoding/json ever disagree.
	strict := json.NewDecoder(bytes.NewReader(data))
	strict.DisallowUnknownFields()
	if err := strict.Decode(v); err != nil {
		r.add("$", "", "%v", err)
		return false
	}
	return true
}

// walker reads a JSON document token by token beside a Go type.
type walker struct {
	dec  *json.Decoder
	r    reporter
	data []byte
}

// value reads one value for type t at path. It returns false after a problem
// that stops the walk (bad syntax, too deep).
func (w *walker) value(t reflect.Type, path string, depth int) bool {
	tok, err := w.dec.Token()
	if err != nil {
		w.syntax(path, err)
		return false
	}
	return w.valueFrom(tok, t, path, depth)
}

func (w *walker) valueFrom(tok json.Token, t reflect.Type, path string, depth int) bool {
	if depth > maxDepth {
		w.r.add(path, fmt.Sprintf("at most %d levels", maxDepth), "JSON nested too deeply")
		return false
	}
	if tok == nil {
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
			return true
		}
		w.r.add(path, describeType(t), "null is not allowed")
		return true
	}
	delim, isDelim := tok.(json.Delim)
	switch t.Kind() {
	case reflect.Pointer:
		return w.valueFrom(tok, t.Elem(), path, depth)
	case reflect.Struct:
		if isDelim && delim == '{' {
			return w.object(t, path, depth+1)
		}
	case reflect.Map:
		if isDelim && delim == '{' && t.Key().Kind() == reflect.String {
			return w.mapObject(t.Elem(), path, depth+1)
		}
	case reflect.Slice:
		if isDelim && delim == '[' {
			return w.array(t.Elem(), path, depth+1)
		}
	case reflect.String:
		if _, ok := tok.(string); ok {
			return true
		}
	case reflect.Bool:
		if _, ok := tok.(bool); ok {
			return true
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if n, ok := tok.(json.Number); ok {
			if _, err := strconv.ParseInt(string(n), 10, t.Bits()); err != nil {
				w.r.add(path, describeType(t), "number %s is not an integer in range", n)
			}
			return true
		}
	case reflect.Interface:
		return w.skipFrom(tok)
	}
	w.r.add(path, describeType(t), "wrong type: %s", describeToken(tok))
	return w.skipFrom(tok)
}

// object reads the members of an object for struct type t.
func (w *walker) object(t reflect.Type, path string, depth int) bool {
	names, types := jsonFields(t)
	seen := map[string]bool{}
	for w.dec.More() {
		tok, err := w.dec.Token()
		if err != nil {
			w.syntax(path, err)
			return false
		}
		key, _ := tok.(string) // the decoder only returns string keys
		p := pathKey(path, key)
		if seen[key] {
			w.r.add(p, "each key once per object", "duplicate key %q", key)
		}
		seen[key] = true
		ft, ok := types[key]
		if !ok {
			w.r.add(p, suggest(key, names), "unknown field %q", key)
			if !w.skip() {
				return false
			}
			continue
		}
		if !w.value(ft, p, depth) {
			return false
		}
	}
	return w.close(path)
}

// mapObject reads an object whose values all have type elem.
func (w *walker) mapObject(elem reflect.Type, path string, depth int) bool {
	for w.dec.More() {
		tok, err := w.dec.Token()
		if err != nil {
			w.syntax(path, err)
			return false
		}
		key, _ := tok.(string)
		if !w.value(elem, pathKey(path, key), depth) {
			return false
		}
	}
	return w.close(path)
}

// array reads the elements of an array of elem.
func (w *walker) array(elem reflect.Type, path string, depth int) bool {
	for i := 0; w.dec.More(); i++ {
		if !w.value(elem, index(path, i), depth) {
			return false
		}
	}
	return w.close(path)
}

// close reads the closing delimiter of an object or array.
func (w *walker) close(path string) bool {
	if _, err := w.dec.Token(); err != nil {
		w.syntax(path, err)
		return false
	}
	return true
}

// skip reads and discards one value.
func (w *walker) skip() bool {
	tok, err := w.dec.Token()
	if err != nil {
		w.syntax("$", err)
		return false
	}
	return w.skipFrom(tok)
}

// skipFrom discards the rest of the value that starts with tok.
func (w *walker) skipFrom(tok json.Token) bool {
	d, ok := tok.(json.Delim)
	if !ok || d == '}' || d == ']' {
		return true
	}
	for depth := 1; depth > 0; {
		tok, err := w.dec.Token()
		if err != nil {
			w.syntax("$", err)
			return false
		}
		if d, ok := tok.(json.Delim); ok {
			if d == '{' || d == '[' {
				depth++
			} else {
				depth--
			}
		}
	}
	return true
}

// syntax reports a JSON syntax error with its line and column.
func (w *walker) syntax(path string, err error) {
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		if len(bytes.TrimSpace(w.data)) == 0 {
			w.r.add("$", "a JSON object", "empty file")
			return
		}
		w.r.add(path, "a complete JSON document", "unexpected end of file")
		return
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, col := lineCol(w.data, se.Offset)
		w.r.add(path, "valid JSON", "invalid JSON at line %d, column %d: %s", line, col, strings.TrimPrefix(se.Error(), "json: "))
		return
	}
	w.r.add(path, "valid JSON", "%s", strings.TrimPrefix(err.Error(), "json: "))
}

// lineCol converts a byte offset into a 1-based line and column.
func lineCol(data []byte, offset int64) (line, col int) {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	if offset < 0 {
		offset = 0
	}
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = len(before) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// structFields caches jsonFields by type.
var structFields sync.Map // reflect.Type → fieldSet

type fieldSet struct {
	names []string
	types map[string]reflect.Type
}

// jsonFields lists the JSON keys of struct type t in declaration order, with
// their types.
func jsonFields(t reflect.Type) ([]string, map[string]reflect.Type) {
	if fs, ok := structFields.Load(t); ok {
		return fs.(fieldSet).names, fs.(fieldSet).types
	}
	names, types := readFields(t)
	structFields.Store(t, fieldSet{names, types})
	return names, types
}

func readFields(t reflect.Type) ([]string, map[string]reflect.Type) {
	var names []string
	types := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name := f.Name
		if tag, ok := f.Tag.Lookup("json"); ok {
			tagName, _, _ := strings.Cut(tag, ",")
			if tagName == "-" {
				continue
			}
			if tagName != "" {
				name = tagName
			}
		}
		names = append(names, name)
		types[name] = f.Type
	}
	return names, types
}

// suggest names the known key nearest to a misspelt one, or lists them all.
func suggest(key string, names []string) string {
	best, bestDist := "", 3
	for _, n := range names {
		if strings.EqualFold(n, key) {
			return strconv.Quote(n)
		}
		if d := editDistance(strings.ToLower(key), strings.ToLower(n)); d < bestDist {
			best, bestDist = n, d
		}
	}
	if best != "" {
		return strconv.Quote(best)
	}
	return "one of " + strings.Join(names, ", ")
}

// editDistance is the Levenshtein distance between a and b, counted in bytes.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 64
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// pathKey appends an object key to a JSON path, bracketed when it is not a
// plain identifier.
func pathKey(path, key string) string {
	plain := key != ""
	for i, c := range key {
		letter := c == '_' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
		plain = plain && (letter || (i > 0 && '0' <= c && c <= '9'))
	}
	if plain {
		return field(path, key)
	}
	return path + "[" + strconv.Quote(key) + "]"
}

// describeType names the JSON type expected for t.
func describeType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Pointer:
		return describeType(t.Elem())
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice:
		return "an array"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "an integer"
	}
	return "a JSON value"
}

// describeToken names the JSON type of a token.
func describeToken(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		if v == '{' {
			return "an object"
		}
		return "an array"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case json.Number:
		return "a number"
	}
	return "null"
}
