// Package doc reads and writes Rushcut's project document, NAME.rushcut:
// the media (path, size, content hash, probe summary, analysis-cache keys),
// the suggestions with the editor's decisions, and the timeline.
//
// The file is JSON. Every object carries its type and version the way
// OpenTimelineIO does ("schema": "Rushcut.Project.2", "Media.1",
// "Suggestion.1", "Timeline.1", "Track.1", "Clip.1", "Gap.1",
// "Transition.1"). Reading upgrades older versions through a registry of
// upgraders, one per schema version, and refuses versions newer than this
// build knows. A damaged file is refused with one line naming the file and
// the problem; nothing is half-loaded.
//
// Save is atomic (a temporary file in the same folder, fsync, rename, fsync
// of the folder), so a crash leaves the old file or the new one. Autosave
// writes NAME.rushcut.autosave beside it; Open reports an autosave newer
// than the file, so the app can offer it back after a crash; Save removes
// it.
//
// Media is identified by content (HashFile), so media that moved is found
// again in a folder the user names (Project.Relink). Source media is only
// ever opened read-only. The package is pure Go.
package doc
