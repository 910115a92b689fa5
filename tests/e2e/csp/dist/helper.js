// The page's own external script: it carries the launch's nonce, and runs.
window.helperRan = true;
