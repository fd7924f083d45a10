/*
 * replay.c - runs a fuzz target over saved inputs without libFuzzer, so
 * `make check` (gcc, ASan/UBSan) replays every corpus file and crash
 * reproducer in tests/fuzz/corpus/<target>/ on each run.
 *
 * Usage: replay_<target> DIR|FILE ... ; exits non-zero if an input cannot
 * be read (a failing input aborts through the sanitizers or FUZZ_CHECK).
 */
#include "fuzz.h"

#include <dirent.h>
#include <sys/stat.h>

/* Feeds one file to the target; false if it cannot be read. */
static bool
replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	long len;
	bool ok = false;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		goto out;
	}
	/* A heap copy of exactly len bytes lets ASan see any overread. */
	data = malloc(len > 0 ? (size_t)len : 1);
	if (data == NULL || fread(data, 1, (size_t)len, f) != (size_t)len) {
		goto out;
	}
	LLVMFuzzerTestOneInput(data, (size_t)len);
	ok = true;
out:
	if (!ok) {
		fprintf(stderr, "replay: cannot read %s\n", path);
	}
	free(data);
	if (f != NULL) {
		fclose(f);
	}
	return ok;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file of dir, in name order; the count into *n. */
static bool
replay_dir(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL, path[4096];
	size_t nn = 0, cap = 0;
	bool ok = true;

	if (d == NULL) {
		fprintf(stderr, "replay: cannot open %s\n", dir);
		return false;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.') {
			continue;
		}
		if (nn == cap) {
			cap = cap > 0 ? cap * 2 : 64;
			names = realloc(names, cap * sizeof(*names));
			if (names == NULL) {
				abort();
			}
		}
		names[nn++] = strdup(e->d_name);
	}
	closedir(d);
	if (nn > 0) {
		qsort(names, nn, sizeof(*names), by_name);
	}
	for (size_t i = 0; i < nn; i++) {
		struct stat st;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			ok = replay_file(path) && ok;
			(*n)++;
		}
		free(names[i]);
	}
	free(names);
	return ok;
}

int
main(int argc, char **argv)
{
	size_t n = 0;
	bool ok = true;

	for (int i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			ok = replay_dir(argv[i], &n) && ok;
		} else {
			ok = replay_file(argv[i]) && ok;
			n++;
		}
	}
	printf("replayed %zu inputs\n", n);
	return ok ? 0 : 1;
}
