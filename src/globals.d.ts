/** True only in `vite build --mode test`: gates the test hooks so production builds never expose them. */
declare const __TEST_HOOKS__: boolean;
