// Package slate reads the slate board at the head of a take: the board
// held to the camera before the clap, printed with the scene, setup, take
// and roll. It decodes a few frames of the board (media), makes their
// white-on-dark text dark-on-white with OpenCV (gocv), reads it with
// Debian's Tesseract (gosseract; the English data is the Debian package
// tesseract-ocr-eng) and parses it (package parse, pure Go). A board
// that is blank, blurred or out of frame reads as not OK: the reader
// invents no slate.
package slate
