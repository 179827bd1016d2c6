/**
 * Runs a job once the browser has rendered the next frame, in a task of its own after that frame's
 * rendering steps. What a press changes on its own (the pressed reply) then reaches the screen in a
 * small frame that waits for nothing else, and the work the press sets off (for a reply: the engine, the
 * save, the panel's new content, its layout and paint) shows in the frame after (docs/performance.md,
 * round 7). Returns a cancel, for a screen that goes away in between.
 */
export function afterNextPaint(job: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // requestAnimationFrame runs just before the frame is rendered; a task queued there runs after it.
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(job, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
  };
}
