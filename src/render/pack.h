/*
 * pack.h: libharu's serialised PDF rewritten as PDF 1.5, with object
 * streams and a cross-reference stream (pack.c). Private to src/render/
 * (and its tests); it needs no libharu type.
 */
#ifndef BRIEFING_RENDER_PACK_H
#define BRIEFING_RENDER_PACK_H

#include <stddef.h>

/* Rewrites the PDF in[0..len), as libharu 2.3.0 writes it (a classic
 * cross-reference table, no incremental updates, no encryption), as PDF
 * 1.5: the plain objects of generation 0 go into deflated object
 * streams, the stream objects are copied with their /Length written in
 * their dictionaries (the objects that held the lengths are dropped), and
 * a deflated cross-reference stream replaces the table and the trailer.
 * Object numbers do not change, so every reference stays valid.
 *
 * Returns 0 with a new buffer in *out (*out_len bytes) that the caller
 * frees with free(). Returns -1 when the input is not of the shape
 * described, or anything in it does not add up (an offset, a length, an
 * object number, an unterminated string): *out is then NULL and *why, if
 * why is not NULL, a short static reason. Never prints. The streams are
 * deflated with z (at any level), or with a compressor of its own when z
 * is NULL. */
struct libdeflate_compressor;

int render_pack(const unsigned char *in, size_t len,
                struct libdeflate_compressor *z, unsigned char **out,
                size_t *out_len, const char **why);

/* render_pack() on *pdf, in its place: on success frees the input and
 * sets *pdf and *len to the packed PDF; otherwise leaves both as they
 * are, so the caller writes libharu's bytes unchanged. Returns 0 when it
 * packed, -1 when it kept the input. */
int render_pack_in_place(unsigned char **pdf, size_t *len,
                         struct libdeflate_compressor *z, const char **why);

#endif
