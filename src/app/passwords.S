/*
 * passwords.S - embeds common-passwords.txt (see users.c) in the binary,
 * NUL-terminated, so no file is needed at run time.
 */
	.section .rodata
	.global	common_passwords
	.type	common_passwords, @object
common_passwords:
	.incbin	"src/app/common-passwords.txt"
	.byte	0
	.size	common_passwords, . - common_passwords

	.section .note.GNU-stack, "", @progbits
