// Level words as loggers print them in upper case, for the header patterns.
export const LEVEL_WORDS = 'TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|FATAL|CRITICAL|CRIT|SEVERE|PANIC|DPANIC|ALERT|EMERG|EMERGENCY';
