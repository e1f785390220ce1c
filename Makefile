# Faro: one non-recursive Makefile. `make run` serves the demo; `make test` runs every layer.
# Knobs: SANITIZE=1 (ASan+UBSan), WERROR=1, CC=clang, BUILD=dir.

CC ?= cc
SANITIZE ?=
WERROR ?=
BUILD ?= $(if $(SANITIZE),build/asan,build/release)

PKGS := libmicrohttpd jansson libsodium sqlite3 libpq libcurl
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

CFLAGS_BASE := -std=c17 -D_GNU_SOURCE -Wall -Wextra -Wshadow -Wstrict-prototypes -Wvla \
	-Wformat=2 -Wno-format-nonliteral -g -MMD -MP -I$(BUILD)/gen -Isrc $(PKG_CFLAGS)
ifeq ($(SANITIZE),1)
  CFLAGS_OPT := -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
  LDFLAGS_SAN := -fsanitize=address,undefined
else
  CFLAGS_OPT := -O2 -D_FORTIFY_SOURCE=2 -fstack-protector-strong
endif
ifeq ($(WERROR),1)
  CFLAGS_BASE += -Werror
endif
CFLAGS_ALL := $(CFLAGS_BASE) $(CFLAGS_OPT) $(CFLAGS)
LDLIBS_ALL := $(PKG_LIBS) -lstemmer -lm -lpthread $(LDFLAGS_SAN)

# every layer and its area folders (src/<layer>/<area>/); main.c alone is the program
LIB_SRC := $(sort $(filter-out src/main.c,$(shell find src -name '*.c')))
LIB_OBJ := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/embedded.o
UI_FILES := $(sort $(shell find ui -type f ! -name '.*' 2>/dev/null))
MIG_SQLITE := $(sort $(wildcard src/store/migrations/sqlite/*.sql))
MIG_PG := $(sort $(wildcard src/store/migrations/postgres/*.sql))
UNIT_SRC := $(filter-out tests/unit/test_db_contract.c,$(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all run test check check-unit check-api check-e2e check-layers fuzz bench format deps clean

all: $(BUILD)/faro

$(BUILD)/faro: $(BUILD)/obj/main.o $(LIB_OBJ)
	$(CC) $(CFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/obj/gen/embedded.o: $(BUILD)/gen/embedded.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -O1 -Wall -Wextra -o $@ $<

$(BUILD)/gen/embedded.c: $(BUILD)/tools/embed $(UI_FILES) $(MIG_SQLITE) $(MIG_PG)
	@mkdir -p $(dir $@)
	{ $(BUILD)/tools/embed embedded_ui ui/ $(UI_FILES); \
	  $(BUILD)/tools/embed embedded_migrations_sqlite src/store/migrations/sqlite/ $(MIG_SQLITE) | sed 1,3d; \
	  $(BUILD)/tools/embed embedded_migrations_postgres src/store/migrations/postgres/ $(MIG_PG) | sed 1,3d; } > $@.tmp
	mv $@.tmp $@

# a test's .d file adds its headers to the prerequisites: link only the sources and objects (clang refuses headers)
$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests/unit -o $@ $(filter %.c %.o,$^) $(LDLIBS_ALL)

$(BUILD)/tests/test_db_contract: tests/unit/test_db_contract.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests/unit -o $@ $(filter %.c %.o,$^) $(LDLIBS_ALL)

# the demo: installs what is missing, builds, and serves with demo data on ./data/faro.db
run:
	scripts/install-deps.sh build
	$(MAKE) all
	$(BUILD)/faro serve --demo $(ARGS)

# every layer, with ASan+UBSan and -Werror, on SQLite and PostgreSQL
test:
	scripts/install-deps.sh test
	scripts/run-tests.sh

check-unit: $(UNIT_BIN) $(BUILD)/tests/test_db_contract
	@scripts/run-unit.sh $(BUILD)

# the layer rules on the include graph the build wrote (-MMD), then the check's own test
check-layers: $(BUILD)/faro
	@scripts/check-layers.sh $(BUILD)
	@tests/layers/test_layers.py $(BUILD)

fuzz:
	scripts/run-fuzz.sh $(FUZZ_SECONDS)

bench:
	scripts/install-deps.sh bench
	bench/run.sh $(ARGS)

# generated files stay as their generators write them (tools/hsds_gen.py, scripts/gen-common-passwords.py)
GENERATED_C := src/domain/resources/hsds_schema.c src/domain/resources/hsds_schema.h \
	src/store/resources/store_hsds_sql.c src/store/resources/store_hsds_sql.h src/domain/common_passwords.c
format:
	clang-format -i $(filter-out $(GENERATED_C),$(shell find src tests tools bench -name '*.[ch]'))

clean:
	rm -rf build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
