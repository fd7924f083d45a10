/*
 * log.h - one-line log messages to stderr. Never log a password, token or
 * case text.
 */
#ifndef BERED_LOG_H
#define BERED_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Set by tests and `serve --quiet`: suppress log_info. */
void log_set_quiet(int quiet);

#endif
