# bash completion for briefing(1).
#
# Installed by 'make install' as
# $(PREFIX)/share/bash-completion/completions/briefing, where
# bash-completion loads it on first use; or source it from ~/.bashrc:
#   . /path/to/examples/completion/briefing.bash
#
# Completes the commands, the options each command takes (as
# 'briefing --help' lists them), .ini files after -c, .pdf files after -o,
# directories after --font-path and for init. tests/e2e/tools.sh checks
# that every option of 'briefing --help' is completed here.

_briefing()
{
	local cur prev cmd i opts
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=
	[ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
	COMPREPLY=()

	# a value after an option that takes one
	case $prev in
	-c | --config)
		mapfile -t COMPREPLY < <(compgen -f -X '!*.ini' -- "$cur"; compgen -d -S / -- "$cur")
		compopt -o nospace 2>/dev/null
		return 0 ;;
	-o | --output)
		mapfile -t COMPREPLY < <(compgen -f -X '!*.pdf' -- "$cur"; compgen -d -S / -- "$cur")
		compopt -o nospace 2>/dev/null
		return 0 ;;
	--depfile | --provenance | --release-report)
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return 0 ;;
	--release-level | --releasable-to)
		# a level or an audience of the config's [classification]
		return 0 ;;
	-D | --define)
		# SECTION.KEY=VALUE: the config's own sections and keys
		return 0 ;;
	--font-path)
		mapfile -t COMPREPLY < <(compgen -d -- "$cur")
		return 0 ;;
	esac

	# the command: the first word that is not an option or its value
	cmd=
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-c | -o | --config | --output | --depfile | --provenance | --font-path | \
		--release-level | --releasable-to | --release-report | -D | --define)
			i=$((i + 1)) ;;
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done

	case $cmd in
	"")
		opts="build check watch init fonts --help --version" ;;
	build | watch)
		opts="-c --config -o --output -D --define --depfile --summary-json
		      --summary-json= --provenance --font-path --release-level
		      --releasable-to --release-report --werror -q --quiet --help" ;;
	check)
		opts="-c --config -D --define --summary-json --summary-json=
		      --provenance --font-path --release-level --releasable-to
		      --werror -q --quiet --help" ;;
	init)
		if [[ $cur != -* ]]; then
			mapfile -t COMPREPLY < <(compgen -d -- "$cur")
			return 0
		fi
		opts="-q --quiet --help" ;;
	fonts)
		opts="--font-path --help" ;;
	*)
		return 0 ;;
	esac
	# watch does not take --provenance
	[ "$cmd" = watch ] && opts=${opts/--provenance/}
	mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
	[[ ${COMPREPLY[0]-} == *= ]] && compopt -o nospace 2>/dev/null
	return 0
}
complete -F _briefing briefing
