// Package logging builds the project's structured zap loggers and adapts them to
// the Temporal SDK's logger interface, so the worker, the starter and the SDK
// itself write one stream of JSON lines with the same fields.
//
// # Personal data
//
// Dossiers carry citizens' names, ID-card numbers (CCCD), addresses and phone
// numbers. None of these may ever be logged, at any level: logs are shipped,
// indexed and kept far longer and more widely than the dossiers themselves, and
// Temporal payloads are encrypted precisely so that this data stays out of
// places like them. Log identifiers instead: the dossier code, the workflow and
// run ids, the procedure code, the step id, the unit code. This package does not
// try to scrub values after the fact, because a redactor only catches the shapes
// it knows and gives a false sense of safety; the rule is enforced where the
// log call is written and in review.
package logging
