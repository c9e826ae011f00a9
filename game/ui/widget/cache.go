package widget

import "github.com/hajimehoshi/ebiten/v2"

// lru is a least-recently-used cache of offscreen images (rendered labels, panel shapes). It is
// bounded by the number of entries and by their total area in pixels; an evicted image is
// deallocated. Lookups allocate nothing.
type lru[K comparable, V any] struct {
	m          map[K]*lruEntry[K, V]
	head       lruEntry[K, V] // sentinel: head.next is the most recently used
	n, area    int
	maxN, maxA int
	free       func(V)
}

type lruEntry[K comparable, V any] struct {
	key        K
	val        V
	area       int
	prev, next *lruEntry[K, V]
}

func newLRU[K comparable, V any](maxN, maxArea int, free func(V)) *lru[K, V] {
	c := &lru[K, V]{m: make(map[K]*lruEntry[K, V], maxN), maxN: maxN, maxA: maxArea, free: free}
	c.head.prev, c.head.next = &c.head, &c.head
	return c
}

func (c *lru[K, V]) unlink(e *lruEntry[K, V]) {
	e.prev.next, e.next.prev = e.next, e.prev
}

func (c *lru[K, V]) pushFront(e *lruEntry[K, V]) {
	e.prev, e.next = &c.head, c.head.next
	c.head.next.prev = e
	c.head.next = e
}

// get returns the value for k and marks it used.
func (c *lru[K, V]) get(k K) (V, bool) {
	e, ok := c.m[k]
	if !ok {
		var zero V
		return zero, false
	}
	if c.head.next != e {
		c.unlink(e)
		c.pushFront(e)
	}
	return e.val, true
}

// put adds v for k, taking area pixels, and evicts the least recently used entries beyond the
// bounds (never the one just added).
func (c *lru[K, V]) put(k K, v V, area int) {
	if old, ok := c.m[k]; ok {
		c.unlink(old)
		c.drop(old)
	}
	e := &lruEntry[K, V]{key: k, val: v, area: area}
	c.m[k] = e
	c.pushFront(e)
	c.n++
	c.area += area
	for c.n > 1 && (c.n > c.maxN || c.area > c.maxA) {
		last := c.head.prev
		c.unlink(last)
		c.drop(last)
	}
}

func (c *lru[K, V]) drop(e *lruEntry[K, V]) {
	delete(c.m, e.key)
	c.n--
	c.area -= e.area
	if c.free != nil {
		c.free(e.val)
	}
}

// clear drops every entry.
func (c *lru[K, V]) clear() {
	for e := c.head.next; e != &c.head; e = e.next {
		if c.free != nil {
			c.free(e.val)
		}
	}
	clear(c.m)
	c.head.prev, c.head.next = &c.head, &c.head
	c.n, c.area = 0, 0
}

func deallocate(img *ebiten.Image) {
	if img != nil {
		img.Deallocate()
	}
}
