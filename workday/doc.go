// Package workday is the working-day calendar of lienthong and the deadline
// arithmetic built on it.
//
// Vietnamese administrative limits are mostly counted in working days, and
// which days are working days is decided each year by the government:
// public holidays, compensatory days for holidays that fall on a weekend,
// days swapped for a longer break and the Saturdays worked to make up for
// them. None of that is computable from a rule, so the calendar is data: one
// JSON file per year (catalog/calendar/<year>.json), validated strictly when
// loaded. A date outside the loaded years is an error (*MissingYearError),
// never silently a working day, because a guessed deadline is worse than a
// refused one.
//
// All computations are pure and deterministic: the same calendar and inputs
// give the same instants, so they can run in a Temporal local activity and be
// replayed. Calendar.Revision names the data a result came from.
package workday
