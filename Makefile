# kogloss: C core, Lua modules for Lua 5.4 and LuaJIT (Neovim), tests.
# `make demo` and `make test` install their own Debian packages first.

PREFIX ?= /usr/local
CC ?= cc
BUILD := build
CFLAGS ?= -O2 -g
WARN := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CPPFLAGS_ALL := -D_GNU_SOURCE -Iinclude -Isrc
ICU_CFLAGS = $(shell pkg-config --cflags icu-uc 2>/dev/null)
ICU_LIBS = $(shell pkg-config --libs icu-uc 2>/dev/null || echo -licuuc)
PCRE2_LIBS = $(shell pkg-config --libs libpcre2-8 2>/dev/null || echo -lpcre2-8)
LIBS = $(ICU_LIBS) $(PCRE2_LIBS)

CORE_SRCS := $(wildcard src/*.c)
DATA_FILES := $(sort $(wildcard src/data/*.txt))
# Generated sources: the word lists, the built-in glossary and rule pack,
# and the images of the tail inventory and the noun tails' automaton
# (written by tools/dump_tails and tools/dump_noun_tails).
GEN_SRC := $(BUILD)/lexicon_data.c $(BUILD)/glossary_data.c $(BUILD)/boilerplate_rules.c \
           $(BUILD)/noun_tails_data.c $(BUILD)/tails_data.c
CORE_OBJS := $(CORE_SRCS:src/%.c=$(BUILD)/obj/%.o) $(GEN_SRC:$(BUILD)/%.c=$(BUILD)/obj/%.o)
# The images: large constant data, compiled once (the sanitizer builds link
# these objects too) and left out of the tools that write them.
IMAGE_OBJS := $(BUILD)/obj/noun_tails_data.o $(BUILD)/obj/tails_data.o
TOOL_OBJS := $(filter-out $(IMAGE_OBJS),$(CORE_OBJS))
CORE_HEADERS := $(wildcard src/*.h) include/kogloss.h

LUA_BINDING := $(wildcard src/lua/*.c)
LUA_HEADERS := src/lua/compat.h src/lua/binding.h include/kogloss.h src/lua/module.map

# Debian packages the build, tests, demo and peers need.
DEPS := gcc make pkg-config libicu-dev libpcre2-dev liblua5.4-dev lua5.4 \
        luajit libluajit-5.1-dev neovim
export DEBIAN_FRONTEND := noninteractive

.PHONY: all lib lua54 luajit lua53 lua51 deps test demo bench accuracy \
        install clean check-c asan boilerplate-eval

all: lib lua54 luajit

# ---- dependencies -------------------------------------------------------

# Installs what is missing, only then (apt-get update is slow).
deps:
	@missing=$$(for p in $(DEPS); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# ---- library --------------------------------------------------------------

lib: $(BUILD)/libkogloss.a $(BUILD)/libkogloss.so

$(BUILD)/lexicon_data.c: tools/embed_words.sh $(DATA_FILES)
	@mkdir -p $(@D)
	sh tools/embed_words.sh $@ $(DATA_FILES)

# The built-in glossary and boilerplate rules, each one C string.
$(BUILD)/glossary_data.c: tools/embed_text.sh src/data/glossary.tsv
	@mkdir -p $(@D)
	sh tools/embed_text.sh $@ kg_builtin_glossary src/data/glossary.tsv

$(BUILD)/boilerplate_rules.c: tools/embed_text.sh src/data/boilerplate.rules
	@mkdir -p $(@D)
	sh tools/embed_text.sh $@ kg_builtin_rules src/data/boilerplate.rules

# Built once at make time instead of at every process's first glossary.
# The tail inventory needs only these (so editing the rest of the library
# does not write it again); a new dependency of tails.c fails to link here.
TAILS_TOOL_OBJS := $(addprefix $(BUILD)/obj/,tails.o strset.o grow.o shared.o)
$(BUILD)/dump_tails: tools/dump_tails.c tools/image_out.h tools/tails_stub.c $(TAILS_TOOL_OBJS)
	$(CC) $(CPPFLAGS_ALL) $(WARN) $(CFLAGS) -o $@ tools/dump_tails.c \
	  tools/tails_stub.c $(TAILS_TOOL_OBJS)

$(BUILD)/tails_data.c: $(BUILD)/dump_tails
	$(BUILD)/dump_tails $@.tmp && mv $@.tmp $@

$(BUILD)/dump_noun_tails: tools/dump_noun_tails.c tools/image_out.h tools/noun_tails_stub.c $(TOOL_OBJS) \
                          $(BUILD)/obj/tails_data.o
	$(CC) $(CPPFLAGS_ALL) $(WARN) $(CFLAGS) -o $@ tools/dump_noun_tails.c \
	  tools/noun_tails_stub.c $(TOOL_OBJS) $(BUILD)/obj/tails_data.o $(LIBS)

$(BUILD)/noun_tails_data.c: $(BUILD)/dump_noun_tails
	$(BUILD)/dump_noun_tails $@.tmp && mv $@.tmp $@

$(BUILD)/obj/%.o: src/%.c $(CORE_HEADERS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(ICU_CFLAGS) $(WARN) $(CFLAGS) -fPIC -c $< -o $@

$(BUILD)/obj/%.o: $(BUILD)/%.c $(CORE_HEADERS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(WARN) $(CFLAGS) -fPIC -c $< -o $@

$(BUILD)/libkogloss.a: $(CORE_OBJS)
	rm -f $@
	ar rcs $@ $^

# The shared library exports the kg_ API only (version script).
$(BUILD)/libkogloss.so: $(CORE_OBJS) src/kogloss.map
	$(CC) -shared -Wl,-soname,libkogloss.so.0 -Wl,--version-script=src/kogloss.map \
	  -o $@ $(CORE_OBJS) $(LIBS)

# ---- Lua modules ------------------------------------------------------------

# build_module(output, lua-cflags)
define build_module
	@mkdir -p $(dir $(1))
	$(CC) $(CPPFLAGS_ALL) $(2) $(WARN) $(CFLAGS) -fPIC -fvisibility=hidden -shared \
	  -Wl,--version-script=src/lua/module.map -o $(1) $(LUA_BINDING) $(CORE_OBJS) $(LIBS)
endef

# Lua 5.4: build/lua5.4/kogloss/core.so (package.cpath "build/lua5.4/?.so")
lua54: $(BUILD)/lua5.4/kogloss/core.so
$(BUILD)/lua5.4/kogloss/core.so: $(LUA_BINDING) $(LUA_HEADERS) $(CORE_OBJS)
	$(call build_module,$@,$(shell pkg-config --cflags lua5.4))

# LuaJIT: lua/kogloss/core.so, where Neovim's runtimepath finds it.
luajit: lua/kogloss/core.so
lua/kogloss/core.so: $(LUA_BINDING) $(LUA_HEADERS) $(CORE_OBJS)
	$(call build_module,$@,$(shell pkg-config --cflags luajit))

lua53:
	@$(MAKE) --no-print-directory deps DEPS="$(DEPS) liblua5.3-dev lua5.3"
	@$(MAKE) --no-print-directory $(BUILD)/lua5.3/kogloss/core.so
$(BUILD)/lua5.3/kogloss/core.so: $(LUA_BINDING) $(LUA_HEADERS) $(CORE_OBJS)
	$(call build_module,$@,$(shell pkg-config --cflags lua5.3))

lua51:
	@$(MAKE) --no-print-directory deps DEPS="$(DEPS) liblua5.1-0-dev lua5.1"
	@$(MAKE) --no-print-directory $(BUILD)/lua5.1/kogloss/core.so
$(BUILD)/lua5.1/kogloss/core.so: $(LUA_BINDING) $(LUA_HEADERS) $(CORE_OBJS)
	$(call build_module,$@,$(shell pkg-config --cflags lua5.1))

# ---- install (LuaRocks layout) ---------------------------------------------

LUA_FILES := $(wildcard lua/kogloss/*.lua)
install: lib lua54
	install -d $(DESTDIR)$(PREFIX)/lib/lua/5.4/kogloss $(DESTDIR)$(PREFIX)/share/lua/5.4/kogloss \
	  $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 755 $(BUILD)/lua5.4/kogloss/core.so $(DESTDIR)$(PREFIX)/lib/lua/5.4/kogloss/core.so
	install -m 644 $(LUA_FILES) $(DESTDIR)$(PREFIX)/share/lua/5.4/kogloss/
	install -m 644 include/kogloss.h $(DESTDIR)$(PREFIX)/include/kogloss.h
	install -m 644 $(BUILD)/libkogloss.a $(DESTDIR)$(PREFIX)/lib/libkogloss.a
	install -m 755 $(BUILD)/libkogloss.so $(DESTDIR)$(PREFIX)/lib/libkogloss.so.0
	ln -sf libkogloss.so.0 $(DESTDIR)$(PREFIX)/lib/libkogloss.so
	sed -e 's|@PREFIX@|$(PREFIX)|' kogloss.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/kogloss.pc

# ---- tests ------------------------------------------------------------------

TEST_C_SRCS := $(wildcard tests/c/test_*.c)
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

$(BUILD)/tests/%: tests/c/%.c tests/c/check.h $(CORE_OBJS) $(CORE_HEADERS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(WARN) $(CFLAGS) -o $@ $< $(CORE_OBJS) $(LIBS)

# The same tests against the sources compiled with ASan and UBSan.
SAN_GEN_SRC := $(filter-out $(IMAGE_OBJS:$(BUILD)/obj/%.o=$(BUILD)/%.c),$(GEN_SRC))
$(BUILD)/asan/%: tests/c/%.c tests/c/check.h $(CORE_SRCS) $(SAN_GEN_SRC) $(IMAGE_OBJS) \
                 $(CORE_HEADERS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(ICU_CFLAGS) $(WARN) $(SAN_FLAGS) -o $@ $< $(CORE_SRCS) \
	  $(SAN_GEN_SRC) $(IMAGE_OBJS) $(LIBS)

C_TESTS := $(TEST_C_SRCS:tests/c/%.c=$(BUILD)/tests/%)
ASAN_TESTS := $(TEST_C_SRCS:tests/c/%.c=$(BUILD)/asan/%)

test: deps
	@$(MAKE) --no-print-directory all $(C_TESTS) $(ASAN_TESTS) >$(BUILD).log 2>&1 || \
	  { cat $(BUILD).log; echo "0 passed, 1 failed"; exit 1; }
	@sh tests/run.sh

demo: deps
	@$(MAKE) --no-print-directory all >/dev/null
	@LUA_PATH="lua/?.lua;lua/?/init.lua;;" LUA_CPATH="$(BUILD)/lua5.4/?.so;;" lua5.4 examples/demo.lua

accuracy: deps all
	LUA_PATH="lua/?.lua;lua/?/init.lua;bench/?.lua;;" LUA_CPATH="$(BUILD)/lua5.4/?.so;;" \
	  lua5.4 tools/ud_accuracy.lua ../shared/data/ud

# Precision/recall/F1 of boilerplate classification on the labelled articles.
boilerplate-eval: deps all
	LUA_PATH="lua/?.lua;lua/?/init.lua;;" LUA_CPATH="$(BUILD)/lua5.4/?.so;;" \
	  lua5.4 tools/boilerplate_eval.lua tests/data/boilerplate/articles.list

bench: deps all
	sh bench/run.sh

clean:
	rm -rf $(BUILD) $(BUILD).log lua/kogloss/core.so
