/*
 * schema.S - embeds the migrations (schema/NNN_*.sql) in the binary, so
 * `bered migrate` needs no files at run time. Each is NUL-terminated and
 * has a length symbol (bytes, without the NUL); store_int.h declares them.
 * Assembled from the repository root with -I. (see Makefile).
 */
	.section .rodata
	.global	schema_001_init
	.type	schema_001_init, @object
schema_001_init:
	.incbin	"src/store/schema/001_init.sql"
schema_001_init_end:
	.byte	0
	.size	schema_001_init, . - schema_001_init

	.global	schema_002_indexes
	.type	schema_002_indexes, @object
schema_002_indexes:
	.incbin	"src/store/schema/002_indexes.sql"
schema_002_indexes_end:
	.byte	0
	.size	schema_002_indexes, . - schema_002_indexes

	.global	schema_003_forbund_name
	.type	schema_003_forbund_name, @object
schema_003_forbund_name:
	.incbin	"src/store/schema/003_forbund_name.sql"
schema_003_forbund_name_end:
	.byte	0
	.size	schema_003_forbund_name, . - schema_003_forbund_name

	.global	schema_004_bordlagd
	.type	schema_004_bordlagd, @object
schema_004_bordlagd:
	.incbin	"src/store/schema/004_bordlagd.sql"
schema_004_bordlagd_end:
	.byte	0
	.size	schema_004_bordlagd, . - schema_004_bordlagd

	.global	schema_005_accounts_mail
	.type	schema_005_accounts_mail, @object
schema_005_accounts_mail:
	.incbin	"src/store/schema/005_accounts_mail.sql"
schema_005_accounts_mail_end:
	.byte	0
	.size	schema_005_accounts_mail, . - schema_005_accounts_mail

	.global	schema_006_calendar
	.type	schema_006_calendar, @object
schema_006_calendar:
	.incbin	"src/store/schema/006_calendar.sql"
schema_006_calendar_end:
	.byte	0
	.size	schema_006_calendar, . - schema_006_calendar

	.balign	8
	.global	schema_007_followup_facts
	.type	schema_007_followup_facts, @object
schema_007_followup_facts:
	.incbin	"src/store/schema/007_followup_facts.sql"
schema_007_followup_facts_end:
	.byte	0
	.size	schema_007_followup_facts, . - schema_007_followup_facts

	.balign	8
	.global	schema_008_applied_amount
	.type	schema_008_applied_amount, @object
schema_008_applied_amount:
	.incbin	"src/store/schema/008_applied_amount.sql"
schema_008_applied_amount_end:
	.byte	0
	.size	schema_008_applied_amount, . - schema_008_applied_amount

	.balign	8
	.global	schema_009_documents
	.type	schema_009_documents, @object
schema_009_documents:
	.incbin	"src/store/schema/009_documents.sql"
schema_009_documents_end:
	.byte	0
	.size	schema_009_documents, . - schema_009_documents

	.balign	8
	.global	schema_010_search
	.type	schema_010_search, @object
schema_010_search:
	.incbin	"src/store/schema/010_search.sql"
schema_010_search_end:
	.byte	0
	.size	schema_010_search, . - schema_010_search

	.balign	8
	.global	schema_011_group_meetings
	.type	schema_011_group_meetings, @object
schema_011_group_meetings:
	.incbin	"src/store/schema/011_group_meetings.sql"
schema_011_group_meetings_end:
	.byte	0
	.size	schema_011_group_meetings, . - schema_011_group_meetings

	.global	schema_001_init_len
	.type	schema_001_init_len, @object
schema_001_init_len:
	.quad	schema_001_init_end - schema_001_init
	.size	schema_001_init_len, 8

	.global	schema_002_indexes_len
	.type	schema_002_indexes_len, @object
schema_002_indexes_len:
	.quad	schema_002_indexes_end - schema_002_indexes
	.size	schema_002_indexes_len, 8

	.global	schema_003_forbund_name_len
	.type	schema_003_forbund_name_len, @object
schema_003_forbund_name_len:
	.quad	schema_003_forbund_name_end - schema_003_forbund_name
	.size	schema_003_forbund_name_len, 8

	.global	schema_004_bordlagd_len
	.type	schema_004_bordlagd_len, @object
schema_004_bordlagd_len:
	.quad	schema_004_bordlagd_end - schema_004_bordlagd
	.size	schema_004_bordlagd_len, 8

	.global	schema_005_accounts_mail_len
	.type	schema_005_accounts_mail_len, @object
schema_005_accounts_mail_len:
	.quad	schema_005_accounts_mail_end - schema_005_accounts_mail
	.size	schema_005_accounts_mail_len, 8

	.global	schema_006_calendar_len
	.type	schema_006_calendar_len, @object
schema_006_calendar_len:
	.quad	schema_006_calendar_end - schema_006_calendar
	.size	schema_006_calendar_len, 8

	.global	schema_007_followup_facts_len
	.type	schema_007_followup_facts_len, @object
schema_007_followup_facts_len:
	.quad	schema_007_followup_facts_end - schema_007_followup_facts
	.size	schema_007_followup_facts_len, 8

	.global	schema_008_applied_amount_len
	.type	schema_008_applied_amount_len, @object
schema_008_applied_amount_len:
	.quad	schema_008_applied_amount_end - schema_008_applied_amount
	.size	schema_008_applied_amount_len, 8

	.global	schema_009_documents_len
	.type	schema_009_documents_len, @object
schema_009_documents_len:
	.quad	schema_009_documents_end - schema_009_documents
	.size	schema_009_documents_len, 8

	.global	schema_010_search_len
	.type	schema_010_search_len, @object
schema_010_search_len:
	.quad	schema_010_search_end - schema_010_search
	.size	schema_010_search_len, 8

	.global	schema_011_group_meetings_len
	.type	schema_011_group_meetings_len, @object
schema_011_group_meetings_len:
	.quad	schema_011_group_meetings_end - schema_011_group_meetings
	.size	schema_011_group_meetings_len, 8

	/* PostgreSQL's twins (src/store/pg/schema/). */
	.balign	8
	.global	pg_schema_001_init
	.type	pg_schema_001_init, @object
pg_schema_001_init:
	.incbin	"src/store/pg/schema/001_init.sql"
pg_schema_001_init_end:
	.byte	0
	.size	pg_schema_001_init, . - pg_schema_001_init



	.balign	8
	.global	pg_schema_004_bordlagd
	.type	pg_schema_004_bordlagd, @object
pg_schema_004_bordlagd:
	.incbin	"src/store/pg/schema/004_bordlagd.sql"
pg_schema_004_bordlagd_end:
	.byte	0
	.size	pg_schema_004_bordlagd, . - pg_schema_004_bordlagd

	.balign	8
	.global	pg_schema_005_accounts_mail
	.type	pg_schema_005_accounts_mail, @object
pg_schema_005_accounts_mail:
	.incbin	"src/store/pg/schema/005_accounts_mail.sql"
pg_schema_005_accounts_mail_end:
	.byte	0
	.size	pg_schema_005_accounts_mail, . - pg_schema_005_accounts_mail


	.balign	8
	.global	pg_schema_007_followup_facts
	.type	pg_schema_007_followup_facts, @object
pg_schema_007_followup_facts:
	.incbin	"src/store/pg/schema/007_followup_facts.sql"
pg_schema_007_followup_facts_end:
	.byte	0
	.size	pg_schema_007_followup_facts, . - pg_schema_007_followup_facts

	.balign	8
	.global	pg_schema_008_applied_amount
	.type	pg_schema_008_applied_amount, @object
pg_schema_008_applied_amount:
	.incbin	"src/store/pg/schema/008_applied_amount.sql"
pg_schema_008_applied_amount_end:
	.byte	0
	.size	pg_schema_008_applied_amount, . - pg_schema_008_applied_amount

	.balign	8
	.global	pg_schema_009_documents
	.type	pg_schema_009_documents, @object
pg_schema_009_documents:
	.incbin	"src/store/pg/schema/009_documents.sql"
pg_schema_009_documents_end:
	.byte	0
	.size	pg_schema_009_documents, . - pg_schema_009_documents

	.balign	8
	.global	pg_schema_010_search
	.type	pg_schema_010_search, @object
pg_schema_010_search:
	.incbin	"src/store/pg/schema/010_search.sql"
pg_schema_010_search_end:
	.byte	0
	.size	pg_schema_010_search, . - pg_schema_010_search

	.balign	8
	.global	pg_schema_011_group_meetings
	.type	pg_schema_011_group_meetings, @object
pg_schema_011_group_meetings:
	.incbin	"src/store/pg/schema/011_group_meetings.sql"
pg_schema_011_group_meetings_end:
	.byte	0
	.size	pg_schema_011_group_meetings, . - pg_schema_011_group_meetings

	.global	pg_schema_001_init_len
	.type	pg_schema_001_init_len, @object
pg_schema_001_init_len:
	.quad	pg_schema_001_init_end - pg_schema_001_init
	.size	pg_schema_001_init_len, 8



	.global	pg_schema_004_bordlagd_len
	.type	pg_schema_004_bordlagd_len, @object
pg_schema_004_bordlagd_len:
	.quad	pg_schema_004_bordlagd_end - pg_schema_004_bordlagd
	.size	pg_schema_004_bordlagd_len, 8

	.global	pg_schema_005_accounts_mail_len
	.type	pg_schema_005_accounts_mail_len, @object
pg_schema_005_accounts_mail_len:
	.quad	pg_schema_005_accounts_mail_end - pg_schema_005_accounts_mail
	.size	pg_schema_005_accounts_mail_len, 8


	.global	pg_schema_007_followup_facts_len
	.type	pg_schema_007_followup_facts_len, @object
pg_schema_007_followup_facts_len:
	.quad	pg_schema_007_followup_facts_end - pg_schema_007_followup_facts
	.size	pg_schema_007_followup_facts_len, 8

	.global	pg_schema_008_applied_amount_len
	.type	pg_schema_008_applied_amount_len, @object
pg_schema_008_applied_amount_len:
	.quad	pg_schema_008_applied_amount_end - pg_schema_008_applied_amount
	.size	pg_schema_008_applied_amount_len, 8

	.global	pg_schema_009_documents_len
	.type	pg_schema_009_documents_len, @object
pg_schema_009_documents_len:
	.quad	pg_schema_009_documents_end - pg_schema_009_documents
	.size	pg_schema_009_documents_len, 8

	.global	pg_schema_010_search_len
	.type	pg_schema_010_search_len, @object
pg_schema_010_search_len:
	.quad	pg_schema_010_search_end - pg_schema_010_search
	.size	pg_schema_010_search_len, 8

	.global	pg_schema_011_group_meetings_len
	.type	pg_schema_011_group_meetings_len, @object
pg_schema_011_group_meetings_len:
	.quad	pg_schema_011_group_meetings_end - pg_schema_011_group_meetings
	.size	pg_schema_011_group_meetings_len, 8

	.section .note.GNU-stack, "", @progbits
