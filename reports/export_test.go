package reports

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"
)

// xmlCheck parses an SVG document and returns its character data.
func xmlCheck(doc string) (string, error) {
	dec := xml.NewDecoder(strings.NewReader(doc))
	var text strings.Builder
	root := ""
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", err
		}
		switch v := tok.(type) {
		case xml.StartElement:
			if root == "" {
				root = v.Name.Local
				if v.Name.Space != "http://www.w3.org/2000/svg" {
					return "", errors.New("root not in the SVG namespace")
				}
			}
		case xml.CharData:
			text.Write(v)
		case xml.ProcInst, xml.Directive:
			return "", errors.New("unexpected directive")
		}
	}
	if root != "svg" {
		return "", errors.New("root is " + root)
	}
	return text.String(), nil
}

func sampleTable(t *testing.T) *Table {
	t.Helper()
	p, _ := ParsePeriod("2026-W11")
	return &Table{Period: p, Previous: p.Previous(), By: ByUnit, Target: 0.95, Rows: []Row{
		{Code: "phong-c", Name: `Phòng <Cấp> & "phép"`, Received: 3, CarriedOver: 1, Handled: 4, Early: 1, OnTime: 1, InTime: 2,
			Rated: true, Rate: 1, Score: 20, Avg: 240 * time.Minute, P90: 300 * time.Minute,
			Rank: 1, HasPrevious: true, PrevRank: 2, RankDelta: 1},
		{Code: "phong-a", Name: "Văn phòng đăng ký đất đai", Received: 5, CarriedOver: 2, Handled: 7, Early: 2, OnTime: 2, Late: 1, InTime: 1, Overdue: 1,
			Rated: true, Rate: 5.0 / 7, Score: 5.0 / 7 * 20 / 0.95, Avg: 1092 * time.Minute, P90: 1500 * time.Minute,
			Rank: 2, HasPrevious: true, PrevRank: 3, RankDelta: 1, RateDelta: 5.0/7 - 0.5},
		{Code: "phong-z", Name: "", Received: 1, Handled: 1, Waiting: 1, Rank: 3},
	}}
}

func TestCSVRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, sampleTable(t)); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	if !bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) {
		t.Fatalf("no UTF-8 BOM: % x", data[:3])
	}
	recs, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		CSVHeader,
		{"1", "phong-c", `Phòng <Cấp> & "phép"`, "3", "1", "4", "1", "1", "0", "2", "0", "0", "0", "100.00", "20.00", "240.00", "300.00", "2", "1", "0.00"},
		// 5/7 = 71.428…%, score 15.037…, change 21.428… points
		{"2", "phong-a", "Văn phòng đăng ký đất đai", "5", "2", "7", "2", "2", "1", "1", "1", "0", "0", "71.43", "15.04", "1092.00", "1500.00", "3", "1", "21.43"},
		{"3", "phong-z", "phong-z", "1", "0", "1", "0", "0", "0", "0", "0", "1", "0", "", "", "0.00", "0.00", "", "", ""},
	}
	if !reflect.DeepEqual(recs, want) {
		t.Errorf("CSV read back:\n%q\nwant\n%q", recs, want)
	}
	if CSVHeader[0] != "Hạng" || !strings.Contains(buf.String(), "Tỷ lệ đúng hạn (%)") {
		t.Error("header is not the Vietnamese one")
	}
}

func TestBarChartSVG(t *testing.T) {
	tab := sampleTable(t)
	tab.Rows[1].Name = "Phòng <A> & B"
	svg := BarChartSVG(tab)
	text, err := xmlCheck(svg)
	if err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, svg)
	}
	for _, s := range []string{"Phòng <A> & B", `Phòng <Cấp> & "phép"`, "71,4 %", "100,0 %", "Tuần 11/2026", "Mục tiêu 95,0 %"} {
		if !strings.Contains(text, s) {
			t.Errorf("chart text lacks %q", s)
		}
	}
	if strings.Contains(svg, "<A>") || strings.Contains(svg, "& B") || strings.Contains(svg, "<script") {
		t.Error("text not escaped, or a script")
	}
	// Unrated rows have no bar.
	if strings.Contains(text, "phong-z") || strings.Count(svg, "<rect") != 2 {
		t.Errorf("bars: %d", strings.Count(svg, "<rect"))
	}
}

func TestTrendChartSVG(t *testing.T) {
	a := sampleTable(t)
	b := sampleTable(t)
	b.Period = a.Period.Previous()
	b.Rows = b.Rows[1:2]
	b.Rows[0].Name = "<&"
	svg := TrendChartSVG([]*Table{b, a})
	text, err := xmlCheck(svg)
	if err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, svg)
	}
	for _, s := range []string{"2026-W10", "2026-W11", "<&", `Phòng <Cấp> & "phép"`} {
		if !strings.Contains(text, s) {
			t.Errorf("chart text lacks %q", s)
		}
	}
	if strings.Count(svg, "<polyline") != 1 { // phong-a has two points, phong-c one
		t.Errorf("polylines: %d\n%s", strings.Count(svg, "<polyline"), svg)
	}
	if _, err := xmlCheck(TrendChartSVG(nil)); err != nil {
		t.Error(err)
	}
}
