// A drag handle between the editors and the tabs: moving it trades editor height for tab height
// (the state graph often wants more room than the default split gives it).

const MIN_PANE = 120;

/** Makes `handle` resize the first row of `grid` (a three-row grid: top, handle, bottom). */
export function installSplitter(grid: HTMLElement, handle: HTMLElement): void {
  handle.addEventListener("pointerdown", (down) => {
    down.preventDefault();
    handle.setPointerCapture(down.pointerId);
    const box = grid.getBoundingClientRect();
    const top = (grid.firstElementChild as HTMLElement).getBoundingClientRect();
    const offset = down.clientY - top.bottom;
    const move = (event: PointerEvent) => {
      const height = Math.min(Math.max(event.clientY - offset - top.top, MIN_PANE), box.height - MIN_PANE - handle.offsetHeight);
      grid.style.gridTemplateRows = `${height}px ${handle.offsetHeight}px minmax(0, 1fr)`;
    };
    const up = () => {
      handle.removeEventListener("pointermove", move);
      handle.removeEventListener("pointerup", up);
    };
    handle.addEventListener("pointermove", move);
    handle.addEventListener("pointerup", up);
  });
}
