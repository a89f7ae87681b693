// Stories import the dialog's stylesheet for its side effect (Vite injects it).
declare module '*.css'
