// Package workflows holds the deterministic side of lienthong: the dossier
// workflow (one dossier = one workflow, ID = dossier code), its step,
// parallel-group and branch logic, the escalation ladder, and the message names
// and types that clients use to talk to it.
package workflows
