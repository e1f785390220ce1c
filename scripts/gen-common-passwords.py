#!/usr/bin/python3
"""Writes src/domain/common_passwords.c from Debian's python3-zxcvbn frequency list.

Run: apt-get install python3-zxcvbn && scripts/gen-common-passwords.py > src/domain/common_passwords.c
"""
import unicodedata

from zxcvbn.frequency_lists import FREQUENCY_LISTS

SPANISH = """contrasena contraseña teamo tequiero colombia mexico argentina barcelona realmadrid
hola holahola hola1234 qwerty123 bienvenido bienvenida secreto amor amorcito princesa mariposa
estrella corazon chocolate futbol america millonarios nacional cristo jesucristo diosesamor familia
password123 contrasena123 administrador soporte lineadeayuda lineaayuda usuario usuario123 clave
clave123 miclave cambiame cambiar bogota medellin cali losangeles helpline""".split()


def fold(s):
    s = unicodedata.normalize("NFD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c))


words = sorted({fold(w) for w in FREQUENCY_LISTS["passwords"][:10000] + SPANISH})
words = [w for w in words if '"' not in w and "\\" not in w and w.isprintable()]
print("""/*
 * common_passwords.c: the most common passwords, folded and sorted, for password_check().
 * Generated from the "passwords" frequency list (top 10,000) of zxcvbn 4.4.28 as packaged by
 * Debian (python3-zxcvbn; MIT licence, Copyright 2012-2013 Dropbox, Inc., 2016 Daniel Wolf),
 * plus common Spanish passwords. Regenerate with scripts/gen-common-passwords.py.
 */
#include "common_passwords.h"

#include <stdlib.h>
#include <string.h>

#include "../core/banned.h"

static const char *const words[] = {""")
line = "\t"
for w in words:
    item = '"%s", ' % w
    if len(line) + len(item) > 96:
        print(line.rstrip())
        line = "\t"
    line += item
print(line.rstrip())
print("""};

static int cmp(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

int common_password(const char *folded)
{
	return bsearch(folded, words, sizeof(words) / sizeof(words[0]), sizeof(words[0]), cmp) != NULL;
}""")
