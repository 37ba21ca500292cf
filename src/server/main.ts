// Entry of dist/server.js: `node dist/server.js --stdio` (any LSP editor) or node IPC (VS Code).
import { startServer } from './start';

startServer();
