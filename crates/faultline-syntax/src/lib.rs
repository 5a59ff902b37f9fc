//! Shallow syntax for news English (skeleton: the coder issue fills this in).
