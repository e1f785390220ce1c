/* banned.h: unbounded C string functions become compile errors (git's idea). */
#ifndef FARO_BANNED_H
#define FARO_BANNED_H

#define BANNED(func) sorry_##func##_is_banned_use_buf_or_snprintf
#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef atoi
#define atoi(x) BANNED(atoi)
#undef gets
#define gets(x) BANNED(gets)

#endif
