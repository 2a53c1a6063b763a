// Component tests wait up to 10 s for what a slow, shared machine renders late.
import { configure } from '@testing-library/preact';
import { options } from 'preact';

configure({ asyncUtilTimeout: 10_000 });

// Effects run right after each render, as the browser would after its next frame: Preact's own
// wait (a frame, or 100 ms without one) can outlive a test file's window and then find no
// cancelAnimationFrame to call.
options.requestAnimationFrame = (callback) => queueMicrotask(callback);
