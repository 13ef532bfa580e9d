//! `/imprimer?…`: the initiatives of a view as a directory to print (« Imprimer cette liste » on
//! the map): title, kind, dates, commune, organisation, contacts and the page's address written
//! out, for a counsellor handing a pupil a sheet. A page of its own (a lazy chunk: the map's first
//! visit carries none of it); the print rules (`@media print` in `style/main.css` for the site's
//! frame, in `public/pages.css` for this page and an initiative's) leave out the frame and every
//! control, here and on an initiative's page.

mod page;
mod server_fns;

pub use page::PrintListPage;
pub use server_fns::{load_print_list, PrintList, MAX_PRINTED};
