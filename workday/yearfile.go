package workday

// YearFile is the content of one calendar file, catalog/calendar/<year>.json:
// everything the government decides about working days for one civil year.
// Field names follow the catalogue's JSON style (camelCase, names as {vi, en}).
type YearFile struct {
	// Year is the civil year the file covers; every date in it must be in that year.
	Year int `json:"year"`
	// Timezone is an IANA time zone name; all years must share one. For
	// Vietnam: Asia/Ho_Chi_Minh.
	Timezone string `json:"timezone"`
	// OfficeHours are the office sessions of a working day, ascending and not
	// overlapping, e.g. 08:00–12:00 and 13:00–17:00. Each is a half-day.
	OfficeHours []Session `json:"officeHours"`
	// PaperCutoff is the local time of day (HH:MM) from which a paper dossier
	// received at a desk no longer moves on the same day.
	PaperCutoff string `json:"paperCutoff"`
	// Source names the legal documents the file is built from.
	Source string `json:"source"`
	// Note is free text for administrators (what is still unpublished, etc.).
	Note string `json:"note,omitempty"`
	// DaysOff lists the weekdays (and, for information, weekend holidays) on
	// which offices are closed.
	DaysOff []DayOff `json:"daysOff"`
	// MakeUpDays lists the Saturdays worked to make up for swapped days.
	MakeUpDays []MakeUpDay `json:"makeUpDays,omitempty"`
}

// Session is one office session of a working day, in local time "HH:MM".
type Session struct {
	Start string `json:"start"` // e.g. "08:00"
	End   string `json:"end"`   // e.g. "12:00"; after Start
}

// Name is a label in Vietnamese and English, the same shape as the rest of
// the catalogue uses.
type Name struct {
	VI string `json:"vi"` // shown first, e.g. "Tết Nguyên đán"
	EN string `json:"en"` // e.g. "Lunar New Year"
}

// OffKind says why a day is off.
type OffKind string

const (
	// Holiday is a public holiday of the Labour Code (art. 112). It may sit on
	// a weekend; the file then also lists the compensatory day.
	Holiday OffKind = "holiday"
	// Compensatory is the day off given on the next working day for a holiday
	// that fell on a weekly rest day.
	Compensatory OffKind = "compensatory"
	// Swapped is a working day given off to join a break, made up on a
	// Saturday (MakeUpDay).
	Swapped OffKind = "swapped"
)

// OffKinds lists the kinds a calendar file may use.
var OffKinds = []OffKind{Holiday, Compensatory, Swapped}

// Valid reports whether k is one of OffKinds.
func (k OffKind) Valid() bool {
	for _, o := range OffKinds {
		if k == o {
			return true
		}
	}
	return false
}

// DayOff is one day on which offices are closed, with the reason people see.
type DayOff struct {
	// Date is the civil date YYYY-MM-DD.
	Date string `json:"date"`
	// Kind is holiday, compensatory or swapped.
	Kind OffKind `json:"kind"`
	// Occasion is an optional stable key for the holiday the day belongs to
	// (new_year, tet, hung_kings, reunification, labour, national_day,
	// culture_day); reports and tests group by it.
	Occasion string `json:"occasion,omitempty"`
	// Name is what a clerk or citizen reads, e.g. {"Tết Nguyên đán", "Lunar New Year"}.
	Name Name `json:"name"`
	// For is, on a compensatory day, the date of the holiday it compensates.
	For string `json:"for,omitempty"`
	// MadeUpOn is, on a swapped day, the Saturday on which it is worked.
	MadeUpOn string `json:"madeUpOn,omitempty"`
	// Lunar is the lunar date of a holiday fixed by the lunar calendar (Tết,
	// Hùng Kings); tests recompute it to catch a misplaced holiday.
	Lunar *LunarDate `json:"lunar,omitempty"`
	// Source names the document that decides this day, when not the file's.
	Source string `json:"source,omitempty"`
	// Note is free text for administrators.
	Note string `json:"note,omitempty"`
	// Verify marks an entry not yet confirmed against the official
	// announcement; it is loaded like any other but shown to administrators.
	Verify bool `json:"verify,omitempty"`
}

// LunarDate is a day of the Vietnamese lunar calendar (non-leap month).
type LunarDate struct {
	Month int `json:"month"` // 1–12
	Day   int `json:"day"`   // 1–30
}

// MakeUpDay is a Saturday worked in exchange for a swapped day off.
type MakeUpDay struct {
	// Date is the Saturday, YYYY-MM-DD.
	Date string `json:"date"`
	// For is the swapped day it makes up for.
	For string `json:"for"`
	// Name is optional; the default reads "Làm bù cho ngày DD/MM/YYYY".
	Name *Name `json:"name,omitempty"`
	// Source, Note and Verify are as on DayOff.
	Source string `json:"source,omitempty"`
	Note   string `json:"note,omitempty"`
	Verify bool   `json:"verify,omitempty"`
}
