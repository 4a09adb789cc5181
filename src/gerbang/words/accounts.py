"""Messages about accounts, sign-in, roles and node credentials (Indonesian, English)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "account.needs_role": (
        "Akun memerlukan paling sedikit satu peran.",
        "an account needs at least one role",
    ),
    "account.password_common": (
        "Kata sandi ini terlalu mudah ditebak: sama dengan atau mirip kata sandi yang umum.",
        "this password is too easy to guess: it is a common password or close to one",
    ),
    "account.password_short": (
        "Kata sandi paling sedikit {min_password_length} karakter.",
        "a password needs at least {min_password_length} characters",
    ),
    "account.role_not_grantable": (
        "Peran {name!r} tidak dapat diberikan kepada akun.",
        "role {name!r} cannot be given to an account",
    ),
    "account.signed_up": (
        "Jika nama pengguna ini belum dipakai, akun Anda sudah siap: silakan masuk.",
        "if this username was free, your account is ready: sign in with it",
    ),
    "account.unknown_role": (
        "Peran {name!r} tidak dikenal; peran yang dikenal: {known}.",
        "unknown role {name!r}; known roles: {known}",
    ),
    "account.username_length": (
        "Nama pengguna terdiri dari 1 sampai 120 karakter.",
        "a username needs 1 to 120 characters",
    ),
    "account.username_taken": (
        "Nama pengguna {username!r} sudah dipakai.",
        "username {username!r} is taken",
    ),
    "account.too_many_for_account": (
        "Terlalu banyak percobaan masuk yang gagal untuk akun ini; coba lagi dalam {minutes} menit.",
        "too many failed sign-ins for this account; try again in {minutes} minutes",
    ),
    "account.too_many_for_address": (
        "Terlalu banyak percobaan masuk yang gagal dari alamat ini; coba lagi dalam {minutes} menit.",
        "too many failed sign-ins from this address; try again in {minutes} minutes",
    ),
    "account.wrong_password": (
        "Nama pengguna atau kata sandi salah.",
        "wrong username or password",
    ),
    "auth.bearer_needed": (
        "API ini memerlukan token bearer: kirim 'Authorization: Bearer <token>'.",
        "this API needs a bearer token: send 'Authorization: Bearer <token>'",
    ),
    "auth.page_permission": (
        "Halaman ini memerlukan izin {names}.",
        "this page needs the permission {names}",
    ),
    "auth.permission_needed": (
        "Tindakan ini memerlukan izin {permission!r}.",
        "this action needs the permission {permission!r}",
    ),
    "auth.permissions_needed": (
        "Tindakan ini memerlukan izin {names}.",
        "this action needs the permission {names}",
    ),
    "auth.sign_in_first": (
        "Masuk dulu: kirim cookie {token_cookie} atau 'Authorization: Bearer <token>'.",
        "sign in first: send the {token_cookie} cookie or 'Authorization: Bearer <token>'",
    ),
    "form.out_of_date": (
        "Formulir ini sudah kedaluwarsa: muat ulang halaman lalu coba lagi.",
        "this form is out of date: reload the page and try again",
    ),
    "node.bad_role": (
        "Peran node harus salah satu dari {roles}.",
        "node role must be one of {roles}",
    ),
    "node.key_unknown": (
        "Kunci node tidak dikenal atau sudah dicabut.",
        "unknown or revoked node key",
    ),
    "node.not_found": (
        "Tidak ada node bernama {name!r}.",
        "no node named {name!r}",
    ),
    "node.site_required": (
        "Kunci node {role} memerlukan lokasi yang dilayaninya.",
        "a {role} node's key needs the site it serves",
    ),
    "token.account_disabled": (
        "Akun pemilik token ini dinonaktifkan.",
        "the token's account is disabled",
    ),
    "token.expired": (
        "Token sudah kedaluwarsa.",
        "token has expired",
    ),
    "token.unknown": (
        "Token tidak dikenal atau sudah dicabut.",
        "unknown or revoked token",
    ),
}
