# lib.sh: what the bench/gen_*.sh generators share; sourced, not run.

# briefing_head TITLE MARKING AS_OF NAME FILE: the [document] and [data]
# sections each synthetic briefing.ini starts with, naming one data file,
# and the blank line before the sections that follow.
briefing_head() {
	printf '[document]\ntitle = "%s"\nmarking = "%s"\nas_of = %s\n\n' \
		"$1" "$2" "$3"
	printf '[data]\n%s = %s\n\n' "$4" "$5"
}
