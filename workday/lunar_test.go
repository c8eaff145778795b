package workday

// Hồ Ngọc Đức's Vietnamese lunar calendar algorithm ("Âm lịch Việt Nam",
// https://www.informatik.uni-leipzig.de/~duc/amlich/), computed for UTC+7.
// It lives in a test file on purpose: the product never computes holidays
// (they are data decided by the government), but the tests use it to check
// that the lunar holidays in the data sit on the right days.

import (
	"math"
	"os"
	"sort"
	"strconv"
	"testing"
	"time"
)

const vietnamTZ = 7.0

func jdFromDate(dd, mm, yy int) int {
	a := (14 - mm) / 12
	y := yy + 4800 - a
	m := mm + 12*a - 3
	jd := dd + (153*m+2)/5 + 365*y + y/4 - y/100 + y/400 - 32045
	if jd < 2299161 {
		jd = dd + (153*m+2)/5 + 365*y + y/4 - 32083
	}
	return jd
}

// newMoon returns the Julian day of the k-th new moon after 1900-01-01.
func newMoon(k int) float64 {
	kf := float64(k)
	T := kf / 1236.85
	T2 := T * T
	T3 := T2 * T
	dr := math.Pi / 180
	jd1 := 2415020.75933 + 29.53058868*kf + 0.0001178*T2 - 0.000000155*T3
	jd1 += 0.00033 * math.Sin((166.56+132.87*T-0.009173*T2)*dr)
	M := 359.2242 + 29.10535608*kf - 0.0000333*T2 - 0.00000347*T3
	Mpr := 306.0253 + 385.81691806*kf + 0.0107306*T2 + 0.00001236*T3
	F := 21.2964 + 390.67050646*kf - 0.0016528*T2 - 0.00000239*T3
	C1 := (0.1734-0.000393*T)*math.Sin(M*dr) + 0.0021*math.Sin(2*dr*M)
	C1 = C1 - 0.4068*math.Sin(Mpr*dr) + 0.0161*math.Sin(dr*2*Mpr)
	C1 = C1 - 0.0004*math.Sin(dr*3*Mpr)
	C1 = C1 + 0.0104*math.Sin(dr*2*F) - 0.0051*math.Sin(dr*(M+Mpr))
	C1 = C1 - 0.0074*math.Sin(dr*(M-Mpr)) + 0.0004*math.Sin(dr*(2*F+M))
	C1 = C1 - 0.0004*math.Sin(dr*(2*F-M)) - 0.0006*math.Sin(dr*(2*F+Mpr))
	C1 = C1 + 0.0010*math.Sin(dr*(2*F-Mpr)) + 0.0005*math.Sin(dr*(2*Mpr+M))
	var deltat float64
	if T < -11 {
		deltat = 0.001 + 0.000839*T + 0.0002261*T2 - 0.00000845*T3 - 0.000000081*T*T3
	} else {
		deltat = -0.000278 + 0.000265*T + 0.000262*T2
	}
	return jd1 + C1 - deltat
}

// sunLongitude returns the sun's longitude in radians at Julian day jdn.
func sunLongitude(jdn float64) float64 {
	T := (jdn - 2451545.0) / 36525
	T2 := T * T
	dr := math.Pi / 180
	M := 357.52910 + 35999.05030*T - 0.0001559*T2 - 0.00000048*T*T2
	L0 := 280.46645 + 36000.76983*T + 0.0003032*T2
	DL := (1.914600 - 0.004817*T - 0.000014*T2) * math.Sin(dr*M)
	DL += (0.019993-0.000101*T)*math.Sin(dr*2*M) + 0.000290*math.Sin(dr*3*M)
	L := (L0 + DL) * dr
	return L - math.Pi*2*math.Floor(L/(math.Pi*2))
}

// sunSector returns which of the 12 major solar terms' sectors the sun is in
// at local midnight starting day dayNumber.
func sunSector(dayNumber int) int {
	return int(math.Floor(sunLongitude(float64(dayNumber)-0.5-vietnamTZ/24) / math.Pi * 6))
}

func newMoonDay(k int) int { return int(math.Floor(newMoon(k) + 0.5 + vietnamTZ/24)) }

// lunarMonth11 returns the day number of the start of lunar month 11 (the
// month containing the winter solstice) of year yy.
func lunarMonth11(yy int) int {
	off := float64(jdFromDate(31, 12, yy)) - 2415021
	k := int(math.Floor(off / 29.530588853))
	nm := newMoonDay(k)
	if sunSector(nm) >= 9 {
		nm = newMoonDay(k - 1)
	}
	return nm
}

func leapMonthOffset(a11 int) int {
	k := int(math.Floor((float64(a11)-2415021.076998695)/29.530588853 + 0.5))
	i := 1
	arc := sunSector(newMoonDay(k + i))
	for {
		last := arc
		i++
		arc = sunSector(newMoonDay(k + i))
		if arc == last || i >= 14 {
			break
		}
	}
	return i - 1
}

// solarToLunar converts a civil date to the Vietnamese lunar date.
func solarToLunar(dd, mm, yy int) (day, month, year int, leap bool) {
	dayNumber := jdFromDate(dd, mm, yy)
	k := int(math.Floor((float64(dayNumber) - 2415021.076998695) / 29.530588853))
	monthStart := newMoonDay(k + 1)
	if monthStart > dayNumber {
		monthStart = newMoonDay(k)
	}
	a11 := lunarMonth11(yy)
	b11 := a11
	if a11 >= monthStart {
		year = yy
		a11 = lunarMonth11(yy - 1)
	} else {
		year = yy + 1
		b11 = lunarMonth11(yy + 1)
	}
	day = dayNumber - monthStart + 1
	diff := (monthStart - a11) / 29
	month = diff + 11
	if b11-a11 > 365 {
		leapDiff := leapMonthOffset(a11)
		if diff >= leapDiff {
			month = diff + 10
			if diff == leapDiff {
				leap = true
			}
		}
	}
	if month > 12 {
		month -= 12
	}
	if month >= 11 && diff < 4 {
		year--
	}
	return day, month, year, leap
}

func lunarOf(t *testing.T, date string) (day, month, year int, leap bool) {
	t.Helper()
	d, err := time.Parse(dateLayout, date)
	if err != nil {
		t.Fatalf("bad date %q: %v", date, err)
	}
	return solarToLunar(d.Day(), int(d.Month()), d.Year())
}

// TestLunarAlgorithm pins the algorithm on dates known from published
// calendars, so a transcription slip cannot make the data checks vacuous.
func TestLunarAlgorithm(t *testing.T) {
	known := []struct {
		date              string
		day, month, lyear int
	}{
		{"2024-02-10", 1, 1, 2024}, // Tết Giáp Thìn
		{"2024-04-18", 10, 3, 2024},
		{"2025-01-29", 1, 1, 2025}, // Tết Ất Tỵ
		{"2025-01-28", 29, 12, 2024},
		{"2025-04-07", 10, 3, 2025},
		{"2026-02-17", 1, 1, 2026},  // Tết Bính Ngọ
		{"2023-01-22", 1, 1, 2023},  // Tết Quý Mão
		{"2023-04-29", 10, 3, 2023}, // after the leap 2nd month of 2023
		{"2020-01-25", 1, 1, 2020},  // Tết Canh Tý
		{"2020-04-02", 10, 3, 2020},
		{"2020-05-23", 1, 4, 2020}, // first day of the leap 4th month of 2020
		{"2020-06-21", 1, 5, 2020},
	}
	for _, k := range known {
		d, m, y, _ := lunarOf(t, k.date)
		if d != k.day || m != k.month || y != k.lyear {
			t.Errorf("%s: lunar %d/%d/%d, want %d/%d/%d", k.date, d, m, y, k.day, k.month, k.lyear)
		}
	}
	for _, date := range []string{"2020-05-23", "2023-03-22"} {
		if _, _, _, leap := lunarOf(t, date); !leap {
			t.Errorf("%s: not in a leap month, want the first day of one", date)
		}
	}
}

// TestDataLunarHolidays cross-checks the shipped calendar against the lunar
// calendar: every "lunar" annotation is right, Tết covers the first day of
// the lunar year and stays around it, and Hùng Kings' day is the 10th of the
// 3rd lunar month.
func TestDataLunarHolidays(t *testing.T) {
	for _, yf := range shippedFiles(t) {
		var tet []string
		hung := 0
		for i, d := range yf.DaysOff {
			ld, lm, ly, leap := lunarOf(t, d.Date)
			if d.Lunar != nil && (d.Lunar.Day != ld || d.Lunar.Month != lm || leap) {
				t.Errorf("%d daysOff[%d] %s: data says lunar %d/%d, it is %d/%d (leap %v)", yf.Year, i, d.Date, d.Lunar.Day, d.Lunar.Month, ld, lm, leap)
			}
			if d.Kind != Holiday {
				continue
			}
			switch d.Occasion {
			case "tet":
				if d.Lunar == nil {
					t.Errorf("%d daysOff[%d] %s: Tết entry without its lunar date", yf.Year, i, d.Date)
				}
				tet = append(tet, d.Date)
				// Tết holidays run from the last days of month 12 to the first
				// days of month 1 of the lunar year that starts in this civil year.
				inWindow := (lm == 12 && ld >= 27 && ly == yf.Year-1) || (lm == 1 && ld <= 6 && ly == yf.Year)
				if !inWindow {
					t.Errorf("%d daysOff[%d] %s: Tết holiday on lunar %d/%d/%d, outside 27/12 – 6/1", yf.Year, i, d.Date, ld, lm, ly)
				}
			case "hung_kings":
				hung++
				if ld != 10 || lm != 3 || leap {
					t.Errorf("%d daysOff[%d] %s: Hùng Kings' day on lunar %d/%d, want 10/3", yf.Year, i, d.Date, ld, lm)
				}
			}
		}
		if hung != 1 {
			t.Errorf("%d: %d Hùng Kings' holidays, want 1", yf.Year, hung)
		}
		if len(tet) != 5 {
			t.Errorf("%d: %d Tết holidays %v, want 5 (Labour Code art. 112)", yf.Year, len(tet), tet)
		}
		newYear := ""
		for t0 := time.Date(yf.Year, 1, 15, 0, 0, 0, 0, time.UTC); t0.Month() <= 2; t0 = t0.AddDate(0, 0, 1) {
			if d, m, _, _ := solarToLunar(t0.Day(), int(t0.Month()), t0.Year()); d == 1 && m == 1 {
				newYear = t0.Format(dateLayout)
			}
		}
		sort.Strings(tet)
		if i := sort.SearchStrings(tet, newYear); newYear == "" || i == len(tet) || tet[i] != newYear {
			t.Errorf("%d: Tết holidays %v do not include the lunar new year %s", yf.Year, tet, newYear)
		}
	}
}

// TestDataCompensatoryDays checks the compensatory days against the Labour
// Code rule they come from (art. 111(3)): the holiday fell on a weekend, and
// the compensatory day is the first working day after it once the other days
// off of the same break are taken out.
func TestDataCompensatoryDays(t *testing.T) {
	c := shipped(t)
	for _, yf := range shippedFiles(t) {
		for i, d := range yf.DaysOff {
			if d.Kind != Compensatory {
				continue
			}
			h, err := time.Parse(dateLayout, d.For)
			if err != nil {
				t.Fatal(err)
			}
			if !isWeekend(h.Weekday()) {
				t.Errorf("%d daysOff[%d] %s compensates %s, a %s, not a weekend", yf.Year, i, d.Date, d.For, h.Weekday())
			}
			for day := h.AddDate(0, 0, 1); day.Format(dateLayout) < d.Date; day = day.AddDate(0, 0, 1) {
				info, err := c.Day(day.Format(dateLayout))
				if err != nil {
					t.Fatal(err)
				}
				if info.Working {
					t.Errorf("%d daysOff[%d] %s compensates %s but %s between them is a working day", yf.Year, i, d.Date, d.For, info.Date)
				}
			}
		}
	}
}

func shippedFiles(t testing.TB) []*YearFile {
	t.Helper()
	var out []*YearFile
	for _, y := range []int{2025, 2026, 2027} {
		name := "calendar/" + strconv.Itoa(y) + ".json"
		data, err := os.ReadFile("../catalog/" + name)
		if err != nil {
			t.Fatal(err)
		}
		yf, err := Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, yf)
	}
	return out
}
