/* static.h: the browser app's files, embedded in the binary or read from --ui-dir. */
#ifndef FARO_STATIC_H
#define FARO_STATIC_H

struct req;
struct resp;

/* static_set_dir: serve from this folder instead of the embedded copy (development). */
void static_set_dir(const char *dir);
/*
 * static_serve: answers with the file at rel ("index.html", "app.js",
 * "i18n/es.json") or 404. rel must not contain "..", a leading dot
 * segment, or a backslash; such paths get 404.
 */
void static_serve(struct req *rq, struct resp *rs, const char *rel);

#endif
