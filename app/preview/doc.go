// Package preview renders before/after previews of effects for the editor
// and the VFX artist: a still (PNG, the before and after frames side by
// side) and a short clip (H.264 MP4, split screen or wipe) of an effect
// applied to the real frames of a source range. Rendering runs on the
// caller's goroutine (the GUI runs it in the background), honours its
// context, reports progress, and is cached by the sources' content hashes
// and the request's parameters under os.UserCacheDir()/rushcut/previews,
// every file written atomically; the cache is capped (Options.CacheMax,
// 1 GiB by default) and loses its least recently used previews first.
//
// The pixels are vision/render's (OpenCV); decoding and encoding are
// media's (FFmpeg). FromSuggestion turns an effect suggestion of
// app/effects into a Request.
package preview
