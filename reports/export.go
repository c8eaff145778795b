package reports

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// BOM starts the CSV so that Excel reads it as UTF-8.
const BOM = "\uFEFF"

// CSVHeader is the header row of WriteCSV, in Vietnamese.
var CSVHeader = []string{
	"Hạng",
	"Mã",
	"Tên đơn vị",
	"Tiếp nhận mới",
	"Kỳ trước chuyển qua",
	"Tổng số phải giải quyết",
	"Đã giải quyết trước hạn",
	"Đã giải quyết đúng hạn",
	"Đã giải quyết quá hạn",
	"Đang giải quyết trong hạn",
	"Đang giải quyết quá hạn",
	"Chờ bổ sung (dừng tính thời gian)",
	"Rút hồ sơ",
	"Tỷ lệ đúng hạn (%)",
	"Điểm tiến độ (/20)",
	"Thời gian xử lý trung bình (phút làm việc)",
	"Thời gian xử lý P90 (phút làm việc)",
	"Hạng kỳ trước",
	"Thay đổi hạng",
	"Thay đổi tỷ lệ (điểm %)",
}

// WriteCSV writes the table as CSV: a UTF-8 byte order mark, the Vietnamese
// header row, then one line per row in rank order. Numbers use a full stop
// as decimal separator; the rate and its change are percentages with two
// decimals, the score has two decimals, working times are in working
// minutes. Cells that do not apply (unrated rows, no previous period) are
// empty.
func WriteCSV(w io.Writer, t *Table) error {
	if _, err := io.WriteString(w, BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	f2 := func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
	minutes := func(d time.Duration) string { return f2(d.Minutes()) }
	for _, x := range t.Rows {
		rate, score, prevRank, rankDelta, rateDelta := "", "", "", "", ""
		if x.Rated {
			rate, score = f2(100*x.Rate), f2(x.Score)
		}
		if x.HasPrevious {
			prevRank, rankDelta, rateDelta = strconv.Itoa(x.PrevRank), strconv.Itoa(x.RankDelta), f2(100*x.RateDelta)
		}
		name := x.Name
		if name == "" {
			name = x.Code
		}
		rec := []string{
			strconv.Itoa(x.Rank), x.Code, name,
			strconv.Itoa(x.Received), strconv.Itoa(x.CarriedOver), strconv.Itoa(x.Handled),
			strconv.Itoa(x.Early), strconv.Itoa(x.OnTime), strconv.Itoa(x.Late),
			strconv.Itoa(x.InTime), strconv.Itoa(x.Overdue),
			strconv.Itoa(x.Waiting), strconv.Itoa(x.Withdrawn),
			rate, score, minutes(x.Avg), minutes(x.P90),
			prevRank, rankDelta, rateDelta,
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// esc escapes text for SVG content and attribute values.
func esc(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s)) //nolint:errcheck // a bytes.Buffer does not fail
	return b.String()
}

// percent formats a rate the Vietnamese way: "71,4 %".
func percent(rate float64) string {
	return strings.Replace(strconv.FormatFloat(100*rate, 'f', 1, 64), ".", ",", 1) + " %"
}

// palette colours the lines of the trend chart.
var palette = []string{"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"}

// BarChartSVG draws the on-time rate of each rated row as a horizontal bar,
// in rank order, with a dashed line at the target. It returns a standalone
// SVG document (no script); every text is escaped.
func BarChartSVG(t *Table) string {
	const (
		labelW = 260
		plotW  = 400
		barH   = 22
		gap    = 8
		top    = 40
		right  = 80
	)
	var rows []Row
	for _, x := range t.Rows {
		if x.Rated {
			rows = append(rows, x)
		}
	}
	h := top + len(rows)*(barH+gap) + 30
	w := labelW + plotW + right
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="13" role="img">`, w, h, w, h)
	title := "Tỷ lệ đúng hạn theo đơn vị — " + t.Period.Label()
	fmt.Fprintf(&b, `<title>%s</title>`, esc(title))
	fmt.Fprintf(&b, `<text x="10" y="22" font-size="15" font-weight="bold">%s</text>`, esc(title))
	for i, x := range rows {
		y := top + i*(barH+gap)
		name := x.Name
		if name == "" {
			name = x.Code
		}
		bw := x.Rate * plotW
		color := "#2ca02c"
		if x.Rate < t.Target {
			color = "#d62728"
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%d. %s</text>`, labelW-8, y+barH-6, x.Rank, esc(name))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"><title>%s: %s</title></rect>`,
			labelW, y, bw, barH, color, esc(name), esc(percent(x.Rate)))
		fmt.Fprintf(&b, `<text x="%.1f" y="%d">%s</text>`, float64(labelW)+bw+6, y+barH-6, esc(percent(x.Rate)))
	}
	tx := float64(labelW) + t.Target*plotW
	fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#333" stroke-dasharray="4 3"/>`, tx, top-6, tx, h-24)
	fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle" font-size="11">Mục tiêu %s</text>`, tx, h-10, esc(percent(t.Target)))
	b.WriteString(`</svg>`)
	return b.String()
}

// TrendChartSVG draws the on-time rate of each row code across the tables
// (oldest first, e.g. from Trend over weeks) as one line per code, with the
// period labels on the x axis and a legend. A code missing or unrated in a
// period breaks its line there. It returns a standalone SVG document (no
// script); every text is escaped.
func TrendChartSVG(tables []*Table) string {
	const (
		left   = 50
		top    = 40
		plotW  = 560
		plotH  = 240
		legend = 220
	)
	w, h := left+plotW+legend, top+plotH+50
	var codes []string
	names := map[string]string{}
	for _, t := range tables {
		for _, x := range t.Rows {
			if _, ok := names[x.Code]; !ok {
				codes = append(codes, x.Code)
				names[x.Code] = x.Name
				if x.Name == "" {
					names[x.Code] = x.Code
				}
			}
		}
	}
	xAt := func(i int) float64 {
		if len(tables) < 2 {
			return left + plotW/2
		}
		return left + float64(i)*plotW/float64(len(tables)-1)
	}
	yAt := func(rate float64) float64 { return top + (1-rate)*plotH }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12" role="img">`, w, h, w, h)
	title := "Xu hướng tỷ lệ đúng hạn theo tuần"
	fmt.Fprintf(&b, `<title>%s</title>`, esc(title))
	fmt.Fprintf(&b, `<text x="10" y="22" font-size="15" font-weight="bold">%s</text>`, esc(title))
	for _, r := range []float64{0, 0.25, 0.5, 0.75, 1} {
		y := yAt(r)
		fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>`, left, y, left+plotW, y)
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" text-anchor="end">%d%%</text>`, left-4, y+4, int(r*100))
	}
	for i, t := range tables {
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle" font-size="10">%s</text>`, xAt(i), top+plotH+18, esc(t.Period.String()))
	}
	for ci, code := range codes {
		color := palette[ci%len(palette)]
		var seg []string
		flush := func() {
			if len(seg) > 1 {
				fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>`, color, strings.Join(seg, " "))
			}
			seg = nil
		}
		for i, t := range tables {
			var (
				x     Row
				found bool
			)
			for _, r := range t.Rows {
				if r.Code == code {
					x, found = r, true
					break
				}
			}
			if !found || !x.Rated {
				flush()
				continue
			}
			px, py := xAt(i), yAt(x.Rate)
			seg = append(seg, fmt.Sprintf("%.1f,%.1f", px, py))
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"><title>%s %s: %s</title></circle>`,
				px, py, color, esc(names[code]), esc(t.Period.String()), esc(percent(x.Rate)))
		}
		flush()
		ly := top + ci*18
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="12" height="12" fill="%s"/>`, left+plotW+16, ly, color)
		fmt.Fprintf(&b, `<text x="%d" y="%d">%s</text>`, left+plotW+34, ly+11, esc(names[code]))
	}
	b.WriteString(`</svg>`)
	return b.String()
}
