// Non-variadic wrappers around libedit's native <histedit.h> API, for Swift.
//
// Swift cannot call C variadic functions (el_set, el_get, history), nor touch the
// C globals stdin/stdout/stderr under Swift 6's concurrency checking. Everything here
// is `static inline`, so Clang compiles it into the importing module: no .c file.
//
// NOTE: SwiftPM does not notice edits to this header alone; touch a Swift file of
// the LineEditing target after changing it.
#ifndef PARTSMAP_CEDITLINE_SHIM_H
#define PARTSMAP_CEDITLINE_SHIM_H

#include <histedit.h>
#include <stdio.h>
#include <stddef.h>
#include <wchar.h>
#include <sys/ioctl.h>

// ---- C standard streams -------------------------------------------------------------

static inline FILE *cel_stdin(void) { return stdin; }
static inline FILE *cel_stdout(void) { return stdout; }
static inline FILE *cel_stderr(void) { return stderr; }

/// Terminal columns of a character (glibc declares wcwidth only under _XOPEN_SOURCE).
extern int wcwidth(wchar_t c);
static inline int cel_wcwidth(wchar_t c) { return wcwidth(c); }

/// A writable empty C string with static storage (a prompt of last resort).
static inline char *cel_empty_string(void) {
    static char empty[1] = {0};
    return empty;
}

/// Columns of the terminal on `fd` (TIOCGWINSZ), or 0 if unknown.
static inline int cel_window_columns(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return 0;
    return size.ws_col;
}

/// Rows of the terminal on `fd` (TIOCGWINSZ), or 0 if unknown.
static inline int cel_window_rows(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return 0;
    return size.ws_row;
}

// ---- el_set / el_get ----------------------------------------------------------------

/// char *prompt(EditLine *)
typedef char *(*cel_prompt_func)(EditLine *);
/// unsigned char command(EditLine *, int key): returns one of the CC_* codes.
typedef unsigned char (*cel_command_func)(EditLine *, int);

/// EL_PROMPT_ESC: `esc` delimits invisible sequences (e.g. colour codes) in the prompt.
static inline int cel_set_prompt(EditLine *el, cel_prompt_func fn, char esc) {
    return el_set(el, EL_PROMPT_ESC, fn, esc);
}

static inline int cel_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

static inline int cel_set_signal(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}

static inline int cel_set_clientdata(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

static inline void *cel_get_clientdata(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

/// EL_ADDFN: a named editor command implemented by `fn`.
static inline int cel_add_function(EditLine *el, const char *name, const char *help,
                                   cel_command_func fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}

/// EL_BIND: bind `key` (e.g. "^I") to the editor command `command`.
static inline int cel_bind(EditLine *el, const char *key, const char *command) {
    return el_set(el, EL_BIND, key, command, (const char *)NULL);
}

/// EL_HIST with the narrow `history` function.
static inline int cel_set_history(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}

/// The terminal's width as libedit knows it ("co"), or 0.
static inline int cel_terminal_columns(EditLine *el) {
    int columns = 0;
    if (el_get(el, EL_GETTC, "co", &columns, (void *)NULL) != 0) return 0;
    return columns;
}

// ---- history ------------------------------------------------------------------------

static inline int cel_history_set_size(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}

static inline int cel_history_set_unique(History *h, int on) {
    HistEvent ev;
    return history(h, &ev, H_SETUNIQUE, on);
}

/// Number of entries loaded, or -1.
static inline int cel_history_load(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, path);
}

/// Number of entries written, or -1.
static inline int cel_history_save_fp(History *h, FILE *fp) {
    HistEvent ev;
    return history(h, &ev, H_SAVE_FP, fp);
}

static inline int cel_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}

static inline int cel_history_clear(History *h) {
    HistEvent ev;
    return history(h, &ev, H_CLEAR);
}

/// Number of entries, or -1.
static inline int cel_history_count(History *h) {
    HistEvent ev;
    if (history(h, &ev, H_GETSIZE) != 0) return -1;
    return ev.num;
}

/// Moves to the newest entry (`H_FIRST`) and returns its text, or NULL.
static inline const char *cel_history_newest(History *h) {
    HistEvent ev;
    if (history(h, &ev, H_FIRST) != 0) return NULL;
    return ev.str;
}

/// Moves one entry towards the oldest (`H_NEXT`) and returns its text, or NULL.
static inline const char *cel_history_older(History *h) {
    HistEvent ev;
    if (history(h, &ev, H_NEXT) != 0) return NULL;
    return ev.str;
}

#endif
