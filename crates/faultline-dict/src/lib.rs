//! Dictionaries (skeleton).
