// Package suggest holds what the analysis proposes and what the editor
// decided about it: the part of Rushcut that the CLI, the UI and the rough
// cut share.
//
// A Suggestion proposes one change (a trim, a take, a setup grouping, an
// order, a removal; effects later) to a Target (a stretch of a media file,
// or a timeline item), with typed Params, a Confidence in 0..1 and a Reason
// a person can read, backed by Evidence the UI can show or plot. Its ID is
// a hash of what it proposes (kind, target, parameters; see IDOf), so
// analysing the same media again gives the same IDs.
//
// A Set holds the current suggestions and the editor's Decisions about
// them (accepted, rejected, or modified with adjusted parameters; proposed
// when undecided). Decisions are commands with undo and redo. Merge takes
// the suggestions of a new analysis run: decisions are keyed by suggestion
// ID, so they carry over, and a decision whose suggestion disappeared stays
// on file, flagged orphaned. The rough cut is then a pure function of the
// analysis and the decisions (see Set.Applied).
//
// The package is pure Go; it imports only the edit model.
package suggest
