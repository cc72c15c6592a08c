// Package media is Rushcut's only door to FFmpeg (through go-astiav): it
// probes files, reads video frames scaled by swscale to an analysis size,
// seeks to an exact frame index, reads audio resampled by swresample, and
// reads the start timecode a file carries. Every FFmpeg object it allocates
// is freed by the Close of the value that owns it. Source media is only ever
// opened for reading.
//
// Frame numbers are 0-based indexes of decoded frames in presentation order:
// frame n is the n-th frame the decoder outputs, whatever its timestamp says.
package media
