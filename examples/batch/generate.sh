#!/bin/sh
# Writes N configs for the batch Makefile into DIR/configs, with a copy of
# this example's data in DIR/data: briefings for N units, each with its
# own title and a third of them for each region.
#   examples/batch/generate.sh N DIR
#   make -C examples/batch CONFIG_DIR=DIR/configs OUT=DIR/out -j2
set -eu
n=$1
dir=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dir/configs" "$dir/data"
cp "$here"/data/* "$dir/data/"
i=1
while [ "$i" -le "$n" ]; do
	case $((i % 3)) in
	0) region=north data="north = ../data/north.ini" ;;
	1) region=south data="south = ../data/south.ini" ;;
	*) region=staff data="staff = ../data/staff.ini" ;;
	esac
	case $region in
	staff) block="1 = table exercise.staff" ;;
	*) block="1 = list $region.tasks" ;;
	esac
	cat >"$dir/configs/unit-$(printf %04d "$i").ini" <<EOC
[document]
title = "Exercise Steadfast Example: unit $i"
subtitle = "Briefing for unit $i ($region)"
author = "Exercise Steadfast Example staff"
marking = "EXERCISE ONLY"
as_of = 2024-03-05

[classification]
1 = "EXERCISE ONLY | EX"

[data]
common = ../data/common.ini
$data

[section.exercise]
title = "The exercise"
1 = text exercise.summary
2 = figures exercise.figures

[section.$region]
title = "Unit $i: $region"
$block
EOC
	i=$((i + 1))
done
