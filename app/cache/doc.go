// Package cache keeps a folder of cache entries under a size cap,
// evicting the least recently used first. It is shared by the preview
// cache and the take cache.
//
// An entry is the set of files in one folder whose names start with the
// same key (the part before the first dot), one of them the marker
// (key + the policy's marker extension), written last by the writer: an
// entry without its marker is being written, or was left by a crash.
// Temporary files (names starting with "." or holding ".tmp") are never
// counted or evicted while fresh.
//
// Several processes may read, write and trim one folder at once. A
// reader calls Touch on the marker before it uses an entry; Touch fails
// once eviction has begun, so the reader treats the entry as a miss. The
// evictor first renames the marker away (new readers miss), then checks
// that nobody touched it in between (else it puts it back), and only then
// deletes the other files. Entries used within Grace are never evicted.
// A writer of several files renames them into place holding the folder's
// Lock, which Trim holds while it evicts.
package cache
