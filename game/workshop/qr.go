package workshop

import (
	"fmt"
	"net/http"
	"strings"

	"rsc.io/qr"

	"twohats/game/sim"
)

// qr answers the QR code of a role's link as SVG, crisp at any size on a projector.
func (s *Server) qr(w http.ResponseWriter, r *http.Request) {
	role, err := sim.ParseRole(r.URL.Query().Get("role"))
	if err != nil || !s.room.HasRole(role) {
		apiError(w, http.StatusNotFound, "the room hands out "+s.room.roleList())
		return
	}
	link := ""
	for _, l := range s.Links() {
		if l.Role == role {
			link = l.URL
			if link == "" {
				link = "http://" + r.Host + l.Path
			}
		}
	}
	svg, err := qrSVG(link)
	if err != nil {
		apiError(w, http.StatusInternalServerError, oneLine(err.Error()))
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write([]byte(svg))
}

// qrSVG draws text as a QR code (error correction M: a smudged projector still scans) with the
// four-module quiet zone scanners need.
func qrSVG(text string) (string, error) {
	c, err := qr.Encode(text, qr.M)
	if err != nil {
		return "", err
	}
	const quiet = 4
	n := c.Size + 2*quiet
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges"><rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, n, n, n, n)
	for y := 0; y < c.Size; y++ {
		for x := 0; x < c.Size; x++ {
			if c.Black(x, y) {
				fmt.Fprintf(&b, "M%d %dh1v1h-1z", x+quiet, y+quiet)
			}
		}
	}
	b.WriteString(`"/></svg>`)
	return b.String(), nil
}
