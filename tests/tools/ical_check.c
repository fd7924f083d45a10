/*
 * ical_check.c - reads an iCalendar file with libical (an independent
 * parser, Debian's libical) and prints one line per VEVENT:
 * UID|DTSTART|all-day|SUMMARY. Exits 1 when the file does not parse as a
 * VCALENDAR or a component has errors (X-LIC-ERROR), 2 on bad usage.
 * Used by tests/e2e/test_exports.py on Bered's feed (issue 8).
 */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>

int
main(int argc, char **argv)
{
	icalcomponent *cal, *ev;
	FILE *f;
	char *text;
	long len;
	int bad = 0;

	if (argc != 2 || (f = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "usage: ical_check FILE.ics\n");
		return 2;
	}
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	text = calloc(1, (size_t)len + 1);
	if (text == NULL || fread(text, 1, (size_t)len, f) != (size_t)len) {
		fprintf(stderr, "ical_check: cannot read %s\n", argv[1]);
		return 2;
	}
	fclose(f);
	cal = icalparser_parse_string(text);
	free(text);
	if (cal == NULL || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
		fprintf(stderr, "ical_check: not a VCALENDAR\n");
		return 1;
	}
	if (icalcomponent_count_errors(cal) > 0) {
		fprintf(stderr, "ical_check: %d errors\n",
		    icalcomponent_count_errors(cal));
		bad = 1;
	}
	for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	     ev != NULL; ev = icalcomponent_get_next_component(cal,
			     ICAL_VEVENT_COMPONENT)) {
		struct icaltimetype t = icalcomponent_get_dtstart(ev);

		printf("%s|%s|%d|%s\n", icalcomponent_get_uid(ev),
		    icaltime_as_ical_string(t), t.is_date,
		    icalcomponent_get_summary(ev));
	}
	icalcomponent_free(cal);
	return bad;
}
