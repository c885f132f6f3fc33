/**
 * Where the in-page pill goes, given what it must keep clear of (our popovers, menus and buttons,
 * the webmail's compose windows: `webmail/keep-clear.ts`). Its home is the bottom-left corner;
 * when something covers that, it moves up just above it, and when that would take it past the
 * lower half of the window (a tall popover, a compose as wide as a 640 px window) it stands aside
 * (hidden) until the space is free again — the pill is a shortcut, never worth covering a control.
 */

export interface Area {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Size {
  width: number;
  height: number;
}

/** Distance from the window's left and bottom edges at home, and the gap kept around obstacles. */
export const pillHome = { left: 16, bottom: 16 } as const;
export const pillGap = 8;

const overlaps = (a: Area, b: Area) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * The pill's distance from the bottom of the window, or null to hide it. `obstacles` are
 * viewport boxes (`getBoundingClientRect()`); empty ones (a closed or hidden element) are ignored.
 */
export function placePill(view: Size, pill: Size, obstacles: Area[]): number | null {
  if (pill.width + 2 * pillHome.left > view.width || pill.height + 2 * pillHome.bottom > view.height) return null;
  const solid = obstacles.filter((o) => o.right > o.left && o.bottom > o.top);
  let bottom: number = pillHome.bottom;
  // Each step clears at least one more obstacle: at most one step per obstacle, plus home.
  for (let step = 0; step <= solid.length; step++) {
    const top = view.height - bottom - pill.height;
    if (top < view.height / 2) return null;
    const spot = {
      left: pillHome.left - pillGap,
      right: pillHome.left + pill.width + pillGap,
      top: top - pillGap,
      bottom: view.height - bottom + pillGap,
    };
    const hit = solid.filter((o) => overlaps(spot, o));
    if (hit.length === 0) return bottom;
    bottom = view.height - Math.min(...hit.map((o) => o.top)) + pillGap;
  }
  return null;
}
