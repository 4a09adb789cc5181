"""Visas and stay permits issued as signed credentials that verify offline."""
