/*
 * assets_data.S - the files of www/ embedded in the binary (served from memory
 * by h_static and api_openapi; see assets.c). Each file gets a start and
 * an end label; assets.c computes lengths from them.
 */
	.section .rodata
	.balign 16
	.globl	asset_style_css
	.hidden	asset_style_css
asset_style_css:
	.incbin	"www/style.css"
	.globl	asset_style_css_end
	.hidden	asset_style_css_end
asset_style_css_end:
	.byte	0

	.balign 16
	.globl	asset_openapi_json
	.hidden	asset_openapi_json
asset_openapi_json:
	.incbin	"www/openapi.json"
	.globl	asset_openapi_json_end
	.hidden	asset_openapi_json_end
asset_openapi_json_end:
	.byte	0

	.balign 16
	.globl	asset_favicon_svg
	.hidden	asset_favicon_svg
asset_favicon_svg:
	.incbin	"www/favicon.svg"
	.globl	asset_favicon_svg_end
	.hidden	asset_favicon_svg_end
asset_favicon_svg_end:
	.byte	0

	.section .note.GNU-stack,"",@progbits
