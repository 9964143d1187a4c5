/*
 * rounded.h — a float rounded to a number of decimals, as a numeric: the
 * value round(x::numeric, digits) gives, without printing x (rounded.c).
 */
#ifndef U16_ROUNDED_H
#define U16_ROUNDED_H

#include "postgres.h"

extern Datum rounded_numeric(double x, int digits);

#endif
