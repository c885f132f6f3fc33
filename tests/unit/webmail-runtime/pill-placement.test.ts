import { describe, expect, it } from 'vitest';
import { placePill, type Area } from '@/components/common/pill-placement';

const view = { width: 640, height: 800 };
const pill = { width: 100, height: 32 };
const box = (left: number, top: number, right: number, bottom: number): Area => ({ left, top, right, bottom });

describe('where the pill goes', () => {
  it.each([
    { case: 'nothing in the way: home, 16 px from the bottom', obstacles: [], bottom: 16 },
    { case: 'a compose docked bottom-right, clear of the corner (1280 px)', view: { width: 1280, height: 800 }, obstacles: [box(724, 460, 1264, 800)], bottom: 16 },
    { case: 'a compose as wide as a 640 px window: just above it, 8 px apart', obstacles: [box(84, 460, 624, 800)], bottom: 800 - 460 + 8 },
    { case: 'two things stacked over the corner: above both', obstacles: [box(0, 700, 200, 800), box(100, 600, 300, 690)], bottom: 800 - 600 + 8 },
    { case: 'a thing that only comes within the 8 px gap still counts', obstacles: [box(120, 760, 300, 790)], bottom: 800 - 760 + 8 },
    { case: 'a popover reaching the upper half over the corner: aside', obstacles: [box(8, 12, 368, 792)], bottom: null },
    { case: 'moving up would leave the lower half: aside', obstacles: [box(84, 380, 624, 800)], bottom: null },
    { case: 'an empty box (a closed menu) is ignored', obstacles: [box(16, 700, 16, 700)], bottom: 16 },
    { case: 'a window too small for the pill: aside', view: { width: 120, height: 800 }, obstacles: [], bottom: null },
  ])('$case', ({ view: v = view, obstacles, bottom }) => {
    expect(placePill(v, pill, obstacles)).toBe(bottom);
  });

  it('never lands on any obstacle', () => {
    // A few hundred random layouts: wherever the pill goes, it overlaps none of them.
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 16807) % 2147483647) % n);
    for (let run = 0; run < 300; run++) {
      const obstacles = Array.from({ length: 1 + rand(4) }, () => {
        const left = rand(600), top = rand(780);
        return box(left, top, left + 10 + rand(400), top + 10 + rand(300));
      });
      const bottom = placePill(view, pill, obstacles);
      if (bottom === null) continue;
      const spot = box(16, view.height - bottom - pill.height, 16 + pill.width, view.height - bottom);
      for (const o of obstacles) {
        const overlaps = spot.left < o.right && o.left < spot.right && spot.top < o.bottom && o.top < spot.bottom;
        expect(overlaps, JSON.stringify({ spot, o })).toBe(false);
      }
      expect(spot.top).toBeGreaterThanOrEqual(view.height / 2);
    }
  });
});
