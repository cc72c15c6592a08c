package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// errNoDisplay is why the window cannot open: there is no display to open
// it on.
var errNoDisplay = errors.New("no display")

// checkDisplay says, before Fyne tries (and panics inside GLFW), whether a
// window can open: on X11 systems DISPLAY must name an X server that
// answers. macOS and Windows always have a display.
func checkDisplay() error {
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		return nil
	}
	d := os.Getenv("DISPLAY")
	if d == "" {
		return fmt.Errorf("%w: DISPLAY is not set (the window needs an X server: run it in a desktop session, over ssh -X, or under Xvfb)", errNoDisplay)
	}
	network, addr, err := displayAddress(d)
	if err != nil {
		return fmt.Errorf("%w: DISPLAY=%q: %v", errNoDisplay, d, err)
	}
	c, err := net.DialTimeout(network, addr, 2*time.Second)
	if err != nil {
		return fmt.Errorf("%w: DISPLAY=%q: no X server answers at %s", errNoDisplay, d, addr)
	}
	c.Close()
	return nil
}

// displayAddress is where the X server of display name d listens:
// "[host]:N[.S]" is the unix socket /tmp/.X11-unix/XN without a host (or
// with "unix"), TCP port 6000+N on host otherwise.
func displayAddress(d string) (network, addr string, err error) {
	if strings.HasPrefix(d, "/") { // launchd-style path to a socket
		return "unix", d, nil
	}
	i := strings.LastIndex(d, ":")
	if i < 0 {
		return "", "", errors.New("not a display name (want [host]:N)")
	}
	host, num := d[:i], d[i+1:]
	if j := strings.IndexByte(num, '.'); j >= 0 {
		num = num[:j]
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 0 || n > 59535 {
		return "", "", errors.New("not a display number")
	}
	if host == "" || host == "unix" {
		return "unix", "/tmp/.X11-unix/X" + strconv.Itoa(n), nil
	}
	return "tcp", net.JoinHostPort(host, strconv.Itoa(6000+n)), nil
}
